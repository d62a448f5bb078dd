package io.velibconnect.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Renders the configuration reference of every plugin, docs/configuration.md, from the plugins' own ConfigDefs:
 * their documentation strings, types, defaults, validators and recommenders are the only source of the text.
 */
final class ConfigurationReference {

    /** A plugin as listed in the reference: its heading, its class, a sentence on where its keys go, its keys. */
    record Plugin(String title, String className, String usage, ConfigDef config) {
    }

    private ConfigurationReference() {
    }

    static String render(List<Plugin> plugins) {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n")
                .append("Generated from each plugin's ConfigDef by `ConfigurationReferenceTest` (launcher module); "
                        + "do not edit by hand. After changing a ConfigDef, regenerate it with\n"
                        + "`mvn -pl launcher -am test -Dtest=ConfigurationReferenceTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dconfiguration.reference.write=true`.\n\n");
        for (Plugin plugin : plugins) {
            out.append("- [").append(plugin.title()).append("](#").append(anchor(plugin.title())).append(")\n");
        }
        for (Plugin plugin : plugins) {
            out.append("\n## ").append(plugin.title()).append("\n\n`").append(plugin.className()).append("`. ")
                    .append(plugin.usage()).append("\n");
            String group = null;
            for (ConfigDef.ConfigKey key : sorted(plugin.config())) {
                if (key.group != null && !key.group.equals(group)) {
                    group = key.group;
                    out.append("\n### ").append(group).append("\n");
                }
                out.append('\n').append(entry(key));
            }
        }
        return out.toString();
    }

    private static List<ConfigDef.ConfigKey> sorted(ConfigDef config) {
        List<ConfigDef.ConfigKey> keys = new ArrayList<>();
        for (String name : config.names().stream().sorted().toList()) {
            keys.add(config.configKeys().get(name));
        }
        // ConfigDef's own order: groups as declared, then orderInGroup; keys without a group last, by name
        List<String> groups = config.groups();
        keys.sort((a, b) -> {
            int ga = a.group == null ? Integer.MAX_VALUE : groups.indexOf(a.group);
            int gb = b.group == null ? Integer.MAX_VALUE : groups.indexOf(b.group);
            return ga != gb ? Integer.compare(ga, gb) : Integer.compare(a.orderInGroup, b.orderInGroup);
        });
        return keys;
    }

    private static String entry(ConfigDef.ConfigKey key) {
        StringBuilder out = new StringBuilder("#### `").append(key.name).append("`\n\n");
        if (key.displayName != null && !key.displayName.equals(key.name)) {
            out.append("**").append(key.displayName).append(".** ");
        }
        out.append(key.documentation == null ? "" : key.documentation.trim()).append("\n\n");
        out.append("- Type: ").append(key.type.name().toLowerCase()).append('\n');
        out.append("- Default: ").append(defaultValue(key)).append('\n');
        String valid = validValues(key);
        if (valid != null) {
            out.append("- Valid values: ").append(valid).append('\n');
        }
        out.append("- Importance: ").append(key.importance.name().toLowerCase()).append('\n');
        if (!key.dependents.isEmpty()) {
            out.append("- Related: ").append(key.dependents.stream().map(d -> "`" + d + "`")
                    .collect(Collectors.joining(", "))).append('\n');
        }
        return out.toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "none (required)";
        }
        Object value = key.defaultValue;
        if (value instanceof Password) {
            return "[hidden]";
        }
        if (value instanceof Class<?> type) {
            return "`" + type.getName() + "`";
        }
        String text = value instanceof List<?> list ? list.stream().map(Objects::toString)
                .collect(Collectors.joining(",")) : Objects.toString(value);
        return text.isEmpty() ? "\"\" (empty)" : "`" + text + "`";
    }

    /** The recommender's values where there is one (they are what a UI offers), else the validator's text. */
    private static String validValues(ConfigDef.ConfigKey key) {
        if (key.recommender != null) {
            List<Object> values = key.recommender.validValues(key.name, Map.of());
            if (!values.isEmpty()) {
                return values.stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "));
            }
        }
        return key.validator == null ? null : key.validator.toString();
    }

    private static String anchor(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }
}

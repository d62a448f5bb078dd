package io.velibconnect.plugin;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A key that takes one word of a fixed set (any case, blanks around it ignored): validated, and recommended, so
 * that a UI offers the words and the configuration reference lists them.
 */
public final class Choice implements ConfigDef.Validator, ConfigDef.Recommender {

    private final List<String> words;

    private Choice(List<String> words) {
        this.words = List.copyOf(words);
    }

    public static Choice of(String... words) {
        return new Choice(Arrays.asList(words));
    }

    /** The config words of an enumeration's constants, in their order ({@link ConfigWords}). */
    public static <E extends Enum<E>> Choice of(Class<E> type) {
        return new Choice(Arrays.stream(type.getEnumConstants()).map(ConfigWords::of).toList());
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null || !words.contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
            throw new ConfigException(name, value, "must be " + this);
        }
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return List.copyOf(words);
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }

    @Override
    public String toString() {
        return words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}

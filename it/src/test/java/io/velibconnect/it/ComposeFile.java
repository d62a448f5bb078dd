package io.velibconnect.it;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checkout's docker-compose.yml, read as the YAML it is: its services, their settings and mounts. */
final class ComposeFile {

    private final Map<String, Object> services;

    private ComposeFile(Map<String, Object> services) {
        this.services = services;
    }

    @SuppressWarnings("unchecked")
    static ComposeFile load() {
        try {
            Map<String, Object> compose = new Yaml().load(Files.readString(ProjectFiles.root().resolve("docker-compose.yml")));
            return new ComposeFile((Map<String, Object>) compose.get("services"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = map(services.get(name));
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        map(service(service).get("environment")).forEach((key, value) -> env.put(key, String.valueOf(value)));
        return env;
    }

    List<String> command(String service) {
        return ((List<?>) service(service).get("command")).stream().map(String::valueOf).toList();
    }

    /** The healthcheck's test as Docker runs it: the command with compose's {@code $$} escapes undone. */
    List<String> healthcheck(String service) {
        Map<String, Object> healthcheck = map(service(service).get("healthcheck"));
        if (healthcheck == null) {
            throw new AssertionError(service + " has no healthcheck");
        }
        return ((List<?>) healthcheck.get("test")).stream().map(t -> String.valueOf(t).replace("$$", "$")).toList();
    }

    /** The condition {@code service} waits for on {@code dependency}; "service_started" for the short list form. */
    String dependsOn(String service, String dependency) {
        Object dependsOn = service(service).get("depends_on");
        if (dependsOn instanceof List<?> list) {
            return list.contains(dependency) ? "service_started" : null;
        }
        Map<String, Object> condition = map(map(dependsOn).get(dependency));
        return condition == null ? null : String.valueOf(condition.get("condition"));
    }

    /** host path → container path, from the service's "host:container[:ro]" volume entries. */
    Map<String, String> mounts(String service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object volume : (List<?>) service(service).get("volumes")) {
            String[] parts = volume.toString().split(":");
            mounts.put(parts[0], parts[1]);
        }
        return mounts;
    }

    /** The host folder mounted at {@code containerPath}, relative to the checkout. */
    String mountedAt(String service, String containerPath) {
        return mounts(service).entrySet().stream().filter(e -> e.getValue().equals(containerPath))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + containerPath));
    }

    /** Where on the host a file the container sees at {@code containerPath} lives. */
    Path hostPath(String service, String containerPath) {
        for (Map.Entry<String, String> mount : mounts(service).entrySet()) {
            if (containerPath.startsWith(mount.getValue() + "/")) {
                return ProjectFiles.root().resolve(mount.getKey())
                        .resolve(containerPath.substring(mount.getValue().length() + 1));
            }
        }
        throw new AssertionError(containerPath + " is not under any mounted folder " + mounts(service));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}

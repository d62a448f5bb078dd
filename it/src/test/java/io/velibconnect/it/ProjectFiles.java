package io.velibconnect.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files users copy from the checkout ({@code config/}, {@code docker-compose.yml}), read as they are, and the
 * recorded feeds of {@code testdata/}.
 */
final class ProjectFiles {

    static final ObjectMapper JSON = new ObjectMapper();

    private ProjectFiles() {
    }

    static Path root() {
        return Path.of(required("project.root")).toAbsolutePath().normalize();
    }

    static Path config(String name) {
        return root().resolve("config").resolve(name);
    }

    /** A recorded feed under the checkout's {@code testdata/}. */
    static Path testData(String relative) {
        Path dir = Path.of(required("testdata.dir")).resolve(relative);
        if (!Files.exists(dir)) {
            throw new IllegalStateException("recorded feeds not found at " + dir);
        }
        return dir;
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set: run these tests with mvn verify");
        }
        return value;
    }

    /** A {@code config/*.json} REST body ({@code {"name":…,"config":{…}}}) with some keys replaced. */
    static ObjectNode restBody(String file, Map<String, String> overrides) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(config(file).toFile());
            ObjectNode config = (ObjectNode) body.get("config");
            overrides.forEach(config::put);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> connectorConfig(ObjectNode restBody) {
        Map<String, String> config = new LinkedHashMap<>();
        restBody.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }

    static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

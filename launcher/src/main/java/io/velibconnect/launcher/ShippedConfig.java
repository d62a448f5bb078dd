package io.velibconnect.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The files of {@code config/} as the launcher jar carries them: the demo runs what users would copy. */
final class ShippedConfig {

    private static final String DIR = "config/";

    private ShippedConfig() {
    }

    static Properties workerProperties() {
        Properties props = new Properties();
        try (InputStream in = open("connect-standalone.properties")) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    /** A connector file's REST body {@code {"name":…,"config":{…}}}, as name and config. */
    record Connector(String name, Map<String, String> config) {
    }

    static Connector connector(String file) {
        try (InputStream in = open(file)) {
            JsonNode body = new ObjectMapper().readTree(in);
            Map<String, String> config = new LinkedHashMap<>();
            body.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            String name = body.get("name").asText();
            // connect-standalone adds the body's name to the config in the same way
            config.put("name", name);
            return new Connector(name, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped Vélib' stations_information.csv copied out of the jar, since the aggregator reads a file path. */
    static Path shippedMetadataCsv(Path runDir) {
        Path target = runDir.resolve("stations_information.csv");
        try (InputStream in = open("stations_information.csv")) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static InputStream open(String name) {
        InputStream in = ShippedConfig.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("launcher jar lacks " + DIR + name);
        }
        return in;
    }
}

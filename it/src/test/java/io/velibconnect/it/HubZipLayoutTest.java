package io.velibconnect.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Confluent Hub-style zip: manifest.json, lib/ without Kafka, etc/, doc/, and the KIP-898 manifests inside. */
class HubZipLayoutTest {

    @TempDir
    static Path dir;

    private static UnzippedPlugin plugin;

    @BeforeAll
    static void unzip() {
        plugin = UnzippedPlugin.into(dir);
    }

    @Test
    void manifestDescribesThePlugin() throws IOException {
        JsonNode manifest = ProjectFiles.JSON.readTree(plugin.home().resolve("manifest.json").toFile());

        assertEquals("velib-connect", manifest.path("name").asText());
        assertEquals(ProjectFiles.required("project.version"), manifest.path("version").asText());
        assertEquals("velibconnect", manifest.path("owner").path("username").asText());
        assertEquals(List.of("source", "sink", "transform", "predicate", "converter"),
                texts(manifest.path("component_types")));
        assertEquals("Apache License 2.0", manifest.path("license").path(0).path("name").asText());
        for (String field : List.of("title", "description", "docs_url")) {
            assertFalse(manifest.path(field).asText().isBlank(), field);
        }
        assertTrue(texts(manifest.path("tags")).contains("gbfs"));
        assertFalse(texts(manifest.path("requirements")).isEmpty());
        assertTrue(manifest.path("release_date").asText().matches("\\d{4}-\\d{2}-\\d{2}"), "filtered release_date");
    }

    @Test
    void libHoldsOurJarsAndTheirDependenciesButNoKafkaOrSlf4j() throws IOException {
        List<String> jars = jarNames();
        String version = ProjectFiles.required("project.version");
        assertTrue(jars.containsAll(List.of("velib-connector-" + version + ".jar", "velib-transforms-" + version + ".jar")),
                jars::toString);
        for (String jar : jars) {
            assertFalse(jar.startsWith("kafka") || jar.startsWith("connect-") || jar.startsWith("slf4j"), jar);
        }
        String thirdParty = Files.readString(plugin.home().resolve("doc/THIRD-PARTY.txt"));
        for (String jar : jars) {
            assertTrue(jar.startsWith("velib-") || thirdParty.contains(jar), () -> jar + " is not in doc/THIRD-PARTY.txt");
        }
    }

    @Test
    void etcAndDocShipTheConfigFilesAndLicences() {
        for (String file : List.of("etc/connect-standalone.properties", "etc/connect-distributed.properties",
                "etc/velib-source.json", "etc/velib-aggregator.json", "etc/stations_information.csv", "etc/SOURCES.md",
                "doc/README.md", "doc/LICENSE", "doc/NOTICE", "doc/THIRD-PARTY.txt")) {
            assertTrue(Files.isRegularFile(plugin.home().resolve(file)), file);
        }
    }

    @Test
    void serviceLoaderManifestsNameEveryPlugin() throws IOException {
        assertEquals(Set.of("io.velibconnect.source.VelibSourceConnector"),
                services("org.apache.kafka.connect.source.SourceConnector"));
        assertEquals(Set.of("io.velibconnect.aggregate.VelibAggregatorConnector"),
                services("org.apache.kafka.connect.sink.SinkConnector"));
        assertTrue(services("org.apache.kafka.connect.transforms.Transformation").containsAll(Set.of(
                "io.velibconnect.transforms.Where$Value", "io.velibconnect.transforms.Where$Key",
                "io.velibconnect.transforms.Select$Value", "io.velibconnect.transforms.Select$Key",
                "io.velibconnect.transforms.StationCodeFilter$Value")));
        assertEquals(Set.of("io.velibconnect.transforms.ExpressionPredicate"),
                services("org.apache.kafka.connect.transforms.predicates.Predicate"));
        assertEquals(Set.of("io.velibconnect.converter.StreamingJsonConverter"),
                services("org.apache.kafka.connect.storage.Converter"));
        assertEquals(Set.of("io.velibconnect.converter.StreamingJsonConverter"),
                services("org.apache.kafka.connect.storage.HeaderConverter"));
    }

    private static Set<String> services(String type) throws IOException {
        Set<String> names = new HashSet<>();
        for (String jar : jarNames()) {
            try (JarFile file = new JarFile(plugin.home().resolve("lib").resolve(jar).toFile())) {
                var entry = file.getEntry("META-INF/services/" + type);
                if (entry != null && jar.startsWith("velib-")) {
                    new String(file.getInputStream(entry).readAllBytes()).lines().map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(names::add);
                }
            }
        }
        return names;
    }

    private static List<String> jarNames() throws IOException {
        try (Stream<Path> files = Files.list(plugin.home().resolve("lib"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}

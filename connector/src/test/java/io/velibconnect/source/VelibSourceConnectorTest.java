package io.velibconnect.source;

import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.records.StationKey;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.LogCaptureAppender;
import org.apache.logging.log4j.Level;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VelibSourceConnectorTest {

    @Test
    void feedsAreSplitAcrossTasksAndNoFeedGoesToTwo() {
        VelibSourceConnector connector = new VelibSourceConnector();
        connector.start(Map.of("name", "bikes", "gbfs.url", "http://a/gbfs.json,http://b/gbfs.json,http://c/gbfs.json",
                "station.key", "system-code"));

        List<Map<String, String>> two = connector.taskConfigs(2);
        assertEquals(List.of("http://a/gbfs.json,http://b/gbfs.json", "http://c/gbfs.json"),
                two.stream().map(c -> c.get("task.feeds")).toList());
        assertEquals(3, connector.taskConfigs(8).size(), "never more tasks than feeds");
        assertEquals(ExactlyOnceSupport.SUPPORTED, connector.exactlyOnceSupport(Map.of()));
    }

    @Test
    void defaultsAreVelibsFeedAndTheSeedsTopics() {
        SourceConfig config = new SourceConfig(Map.of());
        assertEquals(List.of(SourceConfig.VELIB_GBFS_URL), config.urls());
        assertEquals("velib-projet", config.statusTopic());
        assertEquals("velib-stations", config.informationTopic());
        assertNull(new SourceConfig(Map.of("information.topic", "")).informationTopic());
        assertEquals(false, config.emitAll());
    }

    @Test
    void badConfigSaysWhatToFix() {
        assertTrue(message(Map.of("gbfs.url", "ftp://x/gbfs.json")).contains("'ftp://x/gbfs.json' is not an http"));
        assertTrue(message(Map.of("gbfs.url", "http://a/gbfs.json, http://a/gbfs.json")).contains("listed twice"));
        assertTrue(message(Map.of("emit", "some")).contains("emit"));

        List<ConfigValue> validated = new VelibSourceConnector().validate(Map.of("gbfs.url", "not a url")).configValues();
        ConfigValue url = validated.stream().filter(v -> v.name().equals("gbfs.url")).findFirst().orElseThrow();
        assertEquals(List.of("Invalid value [not a url] for configuration gbfs.url: 'not a url' is not an http:// or "
                + "https:// URL"), url.errorMessages());
    }

    @Test
    void aCatalogueReplacesTheDefaultFeedAndNeedsSystemScopedKeys() {
        assertEquals(List.of(), new SourceConfig(Map.of("gbfs.catalog", "systems.csv")).urls());
        assertEquals(List.of("http://a/gbfs.json"), new SourceConfig(Map.of("gbfs.catalog", "systems.csv",
                "gbfs.url", "http://a/gbfs.json")).urls(), "both: the union");

        List<String> keyErrors = errors(Map.of("gbfs.catalog", "https://x/systems.csv"), "station.key");
        assertEquals(1, keyErrors.size(), keyErrors.toString());
        assertTrue(keyErrors.get(0).endsWith("set station.key=system-code"), keyErrors.get(0));
        assertEquals(List.of(), errors(Map.of("gbfs.catalog", "https://x/systems.csv", "station.key", "system-code"),
                "station.key"));
        assertEquals(List.of("set gbfs.url or gbfs.catalog (or both)"), errors(Map.of("gbfs.url", ""), "gbfs.url"));
        assertTrue(errors(Map.of("gbfs.catalog", "ftp://x/systems.csv", "station.key", "system-code"), "gbfs.catalog")
                .get(0).contains("neither an http(s) URL nor a file path"));
        assertThrows(ConfigException.class, () -> new VelibSourceConnector().start(Map.of("gbfs.url", " ")));
    }

    private static List<String> errors(Map<String, String> props, String key) {
        return new VelibSourceConnector().validate(props).configValues().stream().filter(v -> v.name().equals(key))
                .findFirst().orElseThrow().errorMessages();
    }

    @Test
    void feedLimitsDefaultAndCanBeRaised() {
        assertEquals(FeedLimits.DEFAULTS, new SourceConfig(Map.of()).feedLimits());
        assertEquals(new FeedLimits(200_000, 5_000), new SourceConfig(Map.of("max.stations.per.feed", "200000",
                "max.text.length", "5000")).feedLimits());
        assertTrue(message(Map.of("max.stations.per.feed", "0")).contains("max.stations.per.feed"));
    }

    @Test
    void theAuthValueNeverShowsInTheConfigOrSettings() {
        SourceConfig config = new SourceConfig(Map.of("http.auth.value", "Bearer s3cret"));
        assertEquals("Bearer s3cret", config.http().authHeaderValue());
        assertTrue(!config.toString().contains("s3cret") && !config.http().toString().contains("s3cret"));
    }

    @Test
    void anAuthValueNoHeaderCanCarryFailsValidationWithoutShowingIt() {
        for (String bad : List.of("Bearer s3cret\nX-Injected: 1", "Bearer s3crét", "Bearer s3cret\u001b[0m")) {
            String message = message(Map.of("http.auth.value", bad));
            assertTrue(message.contains("http.auth.value") && !message.contains("s3cr"), message);
            ConfigValue value = new VelibSourceConnector().validate(Map.of("http.auth.value", bad)).configValues()
                    .stream().filter(v -> v.name().equals("http.auth.value")).findFirst().orElseThrow();
            assertEquals(1, value.errorMessages().size());
            assertFalse(value.errorMessages().get(0).contains("s3cr"), value.errorMessages().get(0));
        }
        assertTrue(message(Map.of("http.auth.header", "X Api Key")).contains("not an HTTP header name"));
    }

    @Test
    void theKeyGoesToTheConfiguredOriginsOnly() {
        SourceConfig config = new SourceConfig(Map.of("gbfs.url", "https://a.example/gbfs.json",
                "http.auth.value", "k", "http.auth.origins", "https://feeds.example:8443/x"));
        assertEquals(Set.of("https://a.example:443", "https://feeds.example:8443"), config.http().authOrigins());
        assertTrue(config.http().withholdsAuthFrom("https://b.example/station_status.json"));
        assertFalse(config.http().withholdsAuthFrom("https://a.example/other/station_status.json"));
        assertTrue(message(Map.of("http.auth.origins", "file:///etc")).contains("http.auth.origins"));
    }

    @Test
    void stationKeyDefaultsToCodeAndReadsSystemCode() {
        assertEquals(StationKey.CODE, new SourceConfig(Map.of()).stationKey());
        assertEquals(StationKey.SYSTEM_CODE, new SourceConfig(Map.of("station.key", "system-code")).stationKey());
        assertEquals("Invalid value name for configuration station.key: must be code or system-code",
                message(Map.of("station.key", "name")));
        ConfigValue key = value(new VelibSourceConnector().validate(Map.of()), "station.key");
        assertEquals(List.of("code", "system-code"), key.recommendedValues());
        assertEquals(List.of(), key.errorMessages(), "one system: code is fine");
    }

    @Test
    void codeIsRefusedWhenTheConnectorPollsSeveralSystems() {
        Map<String, String> two = Map.of("gbfs.url", "http://a/gbfs.json,http://b/gbfs.json");
        List<String> errors = value(new VelibSourceConnector().validate(two), "station.key").errorMessages();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("set station.key=system-code"), errors.get(0));
        ConfigException refused = assertThrows(ConfigException.class, () -> new VelibSourceConnector().start(two));
        assertTrue(refused.getMessage().contains("set station.key=system-code"), refused.getMessage());

        Map<String, String> scoped = new java.util.HashMap<>(two);
        scoped.put("station.key", "system-code");
        assertEquals(List.of(), value(new VelibSourceConnector().validate(scoped), "station.key").errorMessages());
        new VelibSourceConnector().start(scoped);
    }

    @Test
    void systemCodeWithoutSystemPartitionerWarnsOnceNamingTheSetting() {
        Map<String, String> scoped = Map.of("station.key", "system-code");
        Map<String, String> partitioned = Map.of("station.key", "system-code",
                "producer.override.partitioner.class", "io.velibconnect.records.SystemPartitioner");
        try (LogCaptureAppender log = LogCaptureAppender.createAndRegister(VelibSourceConnector.class)) {
            log.setClassLogger(VelibSourceConnector.class, Level.WARN);
            new VelibSourceConnector().start(partitioned);
            new VelibSourceConnector().start(Map.of());
            assertEquals(List.of(), log.getMessages("WARN"));
            new VelibSourceConnector().start(scoped);
            List<String> warnings = log.getMessages("WARN");
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("tasks.max > 1") && warnings.get(0).contains(
                    "producer.override.partitioner.class=io.velibconnect.records.SystemPartitioner"), warnings.get(0));
        }
    }

    private static ConfigValue value(org.apache.kafka.common.config.Config config, String name) {
        return config.configValues().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private static String message(Map<String, String> props) {
        return assertThrows(ConfigException.class, () -> new SourceConfig(props)).getMessage();
    }
    /**
     * Connect asks for the task configurations as soon as the connector has started, at a resume or a restart as
     * well: a catalogue read only later gave none, and every running task was stopped until the next read.
     */
    @Test
    void aCatalogueIsReadBeforeStartReturnsSoTheFirstTaskConfigurationsHoldItsSystems(@TempDir Path dir)
            throws Exception {
        Path csv = Files.writeString(dir.resolve("systems.csv"), "Country Code,Name,Location,System ID,URL,"
                + "Auto-Discovery URL\nFR,Vélib',Paris,velib,,https://velib/gbfs.json\n"
                + "ES,Bicing,Barcelona,bicing,,https://bicing/gbfs.json\n", StandardCharsets.UTF_8);
        VelibSourceConnector connector = new VelibSourceConnector();
        connector.initialize(new ConnectorContext() {
            @Override
            public void requestTaskReconfiguration() {
            }

            @Override
            public void raiseError(Exception e) {
                throw new AssertionError(e);
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return null;
            }
        });
        connector.start(Map.of("gbfs.catalog", csv.toString(), "station.key", "system-code"));
        try {
            List<Map<String, String>> tasks = connector.taskConfigs(4);
            assertEquals(Set.of("https://velib/gbfs.json", "https://bicing/gbfs.json"), Set.copyOf(tasks.stream()
                    .map(task -> task.get(SourceConfig.TASK_FEEDS)).toList()));
        } finally {
            connector.stop();
        }
    }
}

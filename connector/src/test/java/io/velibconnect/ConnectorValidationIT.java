package io.velibconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.velibconnect.aggregate.VelibAggregatorConnector;
import io.velibconnect.source.VelibSourceConnector;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real worker's {@code PUT /connector-plugins/{plugin}/config/validate}, called the way UIs call it: with an
 * empty config while the form is blank, and with several mistakes at once. Each answer is a 200 (the embedded
 * cluster's client throws on any other status) whose errors each sit on the key they are about.
 */
class ConnectorValidationIT {

    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void start() {
        connect = new EmbeddedConnectCluster.Builder().name("connector-validation").numWorkers(1).numBrokers(1)
                .build();
        connect.start();
        connect.requestTimeout(30_000);
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.stop();
        }
    }

    /** Every key that has errors, with its errors. */
    private static Map<String, List<String>> errors(Class<?> connector, Map<String, String> config) {
        Map<String, String> body = new HashMap<>(config);
        body.put("connector.class", connector.getName());
        ConfigInfos infos = connect.validateConnectorConfig(connector.getSimpleName(), body);
        Map<String, List<String>> errors = new TreeMap<>();
        infos.configs().stream().map(ConfigInfo::configValue).filter(v -> !v.errors().isEmpty())
                .forEach(v -> errors.put(v.name(), v.errors()));
        assertEquals(infos.errorCount(), errors.values().stream().mapToInt(List::size).sum(),
                () -> "errors not attached to a key: " + infos);
        return errors;
    }

    /** "name" is the worker's own required key; every key of the source has a default. */
    @Test
    void anEmptySourceConfigLacksOnlyItsName() {
        assertEquals(List.of("name"), List.copyOf(errors(VelibSourceConnector.class, Map.of()).keySet()));
    }

    @Test
    void anEmptyAggregatorConfigAsksForItsInputAndItsCluster() {
        Map<String, List<String>> errors = errors(VelibAggregatorConnector.class, Map.of());
        assertEquals(List.of("bootstrap.servers", "name", "topics", "topics.regex"), List.copyOf(errors.keySet()),
                errors::toString);
        assertTrue(errors.get("bootstrap.servers").stream()
                .anyMatch(e -> e.contains("usually the worker's own bootstrap.servers")), errors::toString);
    }

    @Test
    void everySourceMistakeIsReportedOnItsOwnKey() {
        Map<String, List<String>> errors = errors(VelibSourceConnector.class, Map.of(
                "gbfs.url", "ftp://x/gbfs.json",
                "poll.interval.ms", "soon",
                "emit", "some",
                "http.auth.header", "X Api Key",
                "status.topic", "",
                "max.text.length", "0"));
        assertEquals(List.of("emit", "gbfs.url", "http.auth.header", "max.text.length", "name",
                "poll.interval.ms", "status.topic"), List.copyOf(errors.keySet()), errors::toString);
        assertTrue(errors.get("gbfs.url").get(0).contains("'ftp://x/gbfs.json' is not an http"), errors::toString);
        assertTrue(errors.get("poll.interval.ms").get(0).contains("soon"), errors::toString);
    }

    @Test
    void everyAggregatorMistakeIsReportedOnItsOwnKey() {
        Map<String, List<String>> errors = errors(VelibAggregatorConnector.class, Map.of(
                "topics", "velib-projet",
                "bootstrap.servers", "broker",
                "group.by", "district",
                "metadata.csv", "/no/such/stations.csv",
                "output.converter", String.class.getName(),
                "output.topic", ""));
        assertEquals(List.of("bootstrap.servers", "group.by", "metadata.csv", "name", "output.converter",
                "output.topic"),
                List.copyOf(errors.keySet()), errors::toString);
        assertTrue(errors.get("bootstrap.servers").get(0).contains("'broker' is not a host:port pair"),
                errors::toString);
        assertTrue(errors.get("metadata.csv").get(0).contains("no readable file"), errors::toString);
    }
}

package io.velibconnect.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.integration.TestableSourceConnector;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real worker's validate endpoint and connector creation see a bad expression with its position. */
class WhereValidationIT {

    private static final String BAD = "stationCode IN ('16107', '32017'";
    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void start() {
        connect = new EmbeddedConnectCluster.Builder().name("where-validation").numWorkers(1).numBrokers(1)
                .workerProps(new HashMap<>(Map.of("offset.flush.interval.ms", "1000"))).build();
        connect.start();
        connect.requestTimeout(30_000);
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.stop();
        }
    }

    private static Map<String, String> config(String where) {
        Map<String, String> config = new HashMap<>();
        config.put("name", "velib-source");
        config.put("connector.class", TestableSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topic", "velib-projet");
        config.put("transforms", "keep,shape");
        config.put("transforms.keep.type", Where.Value.class.getName());
        config.put("transforms.keep.where", where);
        config.put("transforms.shape.type", Select.Value.class.getName());
        config.put("transforms.shape.select", "stationCode, num_bikes_available AS bikes");
        config.put("transforms.shape.predicate", "big");
        config.put("predicates", "big");
        config.put("predicates.big.type", ExpressionPredicate.class.getName());
        config.put("predicates.big.expression", "num_bikes_available > 20");
        return config;
    }

    private static List<String> errorsOf(ConfigInfos infos, String name) {
        return infos.configs().stream().map(ConfigInfo::configValue).filter(v -> v.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no setting " + name)).errors();
    }

    @Test
    void validateEndpointAnswersABadExpressionWithItsPosition() {
        ConfigInfos infos = connect.validateConnectorConfig(TestableSourceConnector.class.getSimpleName(),
                config(BAD));
        assertEquals(1, infos.errorCount());
        List<String> errors = errorsOf(infos, "transforms.keep.where");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("expected ')' at 1:33 (found end of input)"), errors.get(0));
        assertTrue(errors.get(0).contains(BAD + "\n" + " ".repeat(32) + "^"), errors.get(0));
    }

    @Test
    void validateEndpointChecksSelectAndPredicateToo() {
        Map<String, String> config = config("stationCode = '16107'");
        config.put("transforms.shape.select", "stationCode,, bikes");
        config.put("predicates.big.expression", "num_bikes_available >");
        ConfigInfos infos = connect.validateConnectorConfig(TestableSourceConnector.class.getSimpleName(), config);
        assertEquals(2, infos.errorCount());
        assertTrue(errorsOf(infos, "transforms.shape.select").get(0).contains("expected an expression at 1:13"));
        assertTrue(errorsOf(infos, "predicates.big.expression").get(0)
                .contains("expected an expression at 1:22 (found end of input)"));
    }

    /**
     * The test connector writes plain strings, which have no stationCode: each record is a DataException, which
     * errors.tolerance=all skips, so the task keeps running (with the default tolerance it fails).
     */
    @Test
    void aGoodExpressionValidatesCleanAndTheConnectorRuns() throws InterruptedException {
        Map<String, String> config = config("stationCode IN ('16107', '32017')");
        config.put("errors.tolerance", "all");
        config.put("throughput", "10");
        ConfigInfos infos = connect.validateConnectorConfig(TestableSourceConnector.class.getSimpleName(), config);
        assertEquals(0, infos.errorCount(), () -> infos.configs().stream().map(ConfigInfo::configValue)
                .filter(v -> !v.errors().isEmpty()).toList().toString());
        connect.configureConnector("velib-source", config);
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("velib-source", 1,
                "the connector did not start");
        connect.deleteConnector("velib-source");
    }

    @Test
    void creatingAConnectorWithABadExpressionFailsWithTheMessage() {
        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> connect.configureConnector("velib-source", config(BAD)));
        assertEquals(400, e.statusCode());
        assertTrue(e.getMessage().contains("expected ')' at 1:33"), e.getMessage());
    }
}

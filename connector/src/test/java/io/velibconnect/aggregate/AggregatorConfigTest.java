package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class AggregatorConfigTest {

    @Test
    void defaults() {
        AggregatorConfig config = new AggregatorConfig(Map.of("bootstrap.servers", "broker:19092"));
        assertEquals("velib-projet-final-data", config.outputTopic());
        assertEquals(GroupBy.POSTCODE, config.groupBy());
        assertEquals("unknown", config.unknownGroup());
        assertEquals("totals-state", config.stateTopic("totals"));
        assertEquals("velib-stations", config.metadataTopic().orElseThrow());
        assertTrue(config.metadataCsv().isEmpty());
        assertTrue(config.outputConverter() instanceof JsonConverter);
        assertEquals("broker:19092", config.producerProps().get("bootstrap.servers"));
    }

    @Test
    void theClusterOfTheTasksOwnClientsMustBeGiven() {
        ConfigException missing = assertThrows(ConfigException.class, () -> new AggregatorConfig(Map.of()));
        assertTrue(missing.getMessage().contains("bootstrap.servers"), missing.getMessage());

        for (String bad : List.of("", " ", "broker", "broker:19092,,other:9092", "${env:UNSET}")) {
            List<String> errors = bootstrapErrors(Map.of("bootstrap.servers", bad));
            assertEquals(1, errors.size(), bad + ": " + errors);
            assertTrue(errors.get(0).contains("usually the worker's own bootstrap.servers"), errors.get(0));
        }
        List<String> absent = bootstrapErrors(Map.of());
        assertTrue(absent.stream().anyMatch(e -> e.contains("usually the worker's own bootstrap.servers")),
                absent.toString());
        assertEquals(List.of(), bootstrapErrors(Map.of("bootstrap.servers", "a:1, b:2")));
    }

    private static List<String> bootstrapErrors(Map<String, String> props) {
        return AggregatorConfig.CONFIG_DEF.validate(props).stream().filter(v -> v.name().equals("bootstrap.servers"))
                .findFirst().orElseThrow().errorMessages();
    }

    @Test
    void ownConsumersNeverAutoCreateTheTopicsTheyRead() {
        AggregatorConfig config = new AggregatorConfig(Map.of("bootstrap.servers", "a:1",
                "consumer.allow.auto.create.topics", "true"));
        assertEquals(false, config.consumerProps().get("allow.auto.create.topics"));
    }

    @Test
    void clientSettingsPassThroughWithTheirPrefix() {
        AggregatorConfig config = new AggregatorConfig(Map.of("bootstrap.servers", "a:1,b:2",
                "producer.linger.ms", "7", "consumer.fetch.max.wait.ms", "9", "group.by", "City"));
        assertEquals(Map.of("bootstrap.servers", "a:1,b:2", "linger.ms", "7"), config.producerProps());
        assertEquals(Map.of("bootstrap.servers", "a:1,b:2", "fetch.max.wait.ms", "9",
                "allow.auto.create.topics", false), config.consumerProps());
        assertEquals(GroupBy.CITY, config.groupBy());
    }

    @Test
    void badValuesSayWhatToFix() {
        Map<String, String> props = new HashMap<>(Map.of("group.by", "district"));
        List<ConfigValue> values = AggregatorConfig.CONFIG_DEF.validate(props);
        ConfigValue groupBy = values.stream().filter(v -> v.name().equals("group.by")).findFirst().orElseThrow();
        assertTrue(groupBy.errorMessages().get(0).contains("POSTCODE"), groupBy.errorMessages().toString());

        ConfigValue missingCsv = AggregatorConfig.CONFIG_DEF.validate(Map.of("metadata.csv", "/no/such.csv")).stream()
                .filter(v -> v.name().equals("metadata.csv")).findFirst().orElseThrow();
        assertTrue(missingCsv.errorMessages().get(0).contains("no readable file"), missingCsv.errorMessages().toString());

        ConfigException csv = assertThrows(ConfigException.class,
                () -> new AggregatorConfig(Map.of("bootstrap.servers", "a:1", "metadata.csv", "/no/such/stations.csv")));
        assertTrue(csv.getMessage().contains("no readable file"), csv.getMessage());

        ConfigException converter = assertThrows(ConfigException.class,
                () -> new AggregatorConfig(Map.of("bootstrap.servers", "a:1", "output.converter", String.class.getName())));
        assertTrue(converter.getMessage().contains("Converter"), converter.getMessage());
    }
}

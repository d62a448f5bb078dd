package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
        assertTrue(groupBy.errorMessages().get(0).contains("must be postcode, city, region or h3"),
                groupBy.errorMessages().toString());

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

    @Test
    void groupingSettings() {
        AggregatorConfig defaults = new AggregatorConfig(Map.of("bootstrap.servers", "a:1"));
        assertEquals(new Grouping(GroupBy.POSTCODE, GroupKey.GROUP, 8, "unknown"), defaults.grouping());
        assertEquals(null, defaults.metadataCsvSystem());
        AggregatorConfig h3 = new AggregatorConfig(Map.of("bootstrap.servers", "a:1", "group.by", "H3",
                "group.key", "system-group", "h3.resolution", "11", "metadata.csv.system", " velib "));
        assertEquals(new Grouping(GroupBy.H3, GroupKey.SYSTEM_GROUP, 11, "unknown"), h3.grouping());
        assertEquals("velib", h3.metadataCsvSystem());
    }

    @Test
    void nonsenseGroupingIsRefusedWithWhatToSet() throws Exception {
        assertEquals(List.of("Invalid value 16 for configuration h3.resolution: Value must be no more than 15"),
                errors(Map.of("h3.resolution", "16"), "h3.resolution"));
        assertTrue(errors(Map.of("group.key", "system"), "group.key").get(0).contains("must be group or system-group"));

        for (String by : List.of("region", "h3")) {
            Map<String, String> props = Map.of("bootstrap.servers", "a:1", "group.by", by, "metadata.topic", " ");
            ConfigException e = assertThrows(ConfigException.class, () -> new AggregatorConfig(props));
            assertTrue(e.getMessage().contains("set metadata.topic to the source's information.topic"),
                    e.getMessage());
            List<String> shown = connectorErrors(props, "group.by");
            assertEquals(1, shown.size(), shown.toString());
            assertTrue(shown.get(0).contains("from the information topic"), shown.get(0));
        }
        assertEquals(List.of(), connectorErrors(Map.of("bootstrap.servers", "a:1", "group.by", "h3"), "group.by"));

        Path csv = VelibSeries.CSV;
        Map<String, String> unnamed = Map.of("bootstrap.servers", "a:1", "group.key", "system-group",
                "metadata.csv", csv.toString());
        ConfigException e = assertThrows(ConfigException.class, () -> new AggregatorConfig(unnamed));
        assertTrue(e.getMessage().contains("set metadata.csv.system to its system_id"), e.getMessage());
        assertEquals(1, connectorErrors(unnamed, "metadata.csv.system").size());
        Map<String, String> named = new HashMap<>(unnamed);
        named.put("metadata.csv.system", "velib");
        assertEquals("velib", new AggregatorConfig(named).metadataCsvSystem());
    }

    @Test
    void severalTasksNeedSystemGroupsAndSayWhatToSetOnBothConnectors() {
        Map<String, String> props = Map.of("bootstrap.servers", "a:1", "tasks.max", "2");
        ConfigException e = assertThrows(ConfigException.class, () -> new AggregatorConfig(props));
        assertTrue(e.getMessage().contains("all stations of a group must lie in one input partition"),
                e.getMessage());
        assertTrue(e.getMessage().contains("set group.key=system-group, and on the source station.key=system-code "
                + "with producer.override.partitioner.class=io.velibconnect.records.SystemPartitioner"),
                e.getMessage());
        List<String> shown = connectorErrors(props, "group.key");
        assertEquals(1, shown.size(), shown.toString());
        assertTrue(shown.get(0).startsWith("tasks.max=2 runs tasks"), shown.get(0));

        Map<String, String> systemGroups = new HashMap<>(props);
        systemGroups.put("group.key", "system-group");
        assertEquals(GroupKey.SYSTEM_GROUP, new AggregatorConfig(systemGroups).grouping().key());
        assertEquals(List.of(), connectorErrors(systemGroups, "group.key"));
        for (String oneOrConnects : List.of("1", " 1 ", "two")) {
            Map<String, String> one = Map.of("bootstrap.servers", "a:1", "tasks.max", oneOrConnects);
            assertEquals(GroupKey.GROUP, new AggregatorConfig(one).grouping().key());
            assertEquals(List.of(), connectorErrors(one, "group.key"), oneOrConnects);
        }
    }

    @Test
    void aUiIsOfferedTheValuesOfGroupByAndGroupKey() {
        Map<String, ConfigValue> values = new HashMap<>();
        AggregatorConfig.CONFIG_DEF.validate(Map.of("bootstrap.servers", "a:1"))
                .forEach(v -> values.put(v.name(), v));
        assertEquals(List.of("postcode", "city", "region", "h3"), values.get("group.by").recommendedValues());
        assertEquals(List.of("group", "system-group"), values.get("group.key").recommendedValues());
    }

    private static List<String> errors(Map<String, String> props, String key) {
        return AggregatorConfig.CONFIG_DEF.validate(props).stream().filter(v -> v.name().equals(key))
                .findFirst().orElseThrow().errorMessages();
    }

    private static List<String> connectorErrors(Map<String, String> props, String key) {
        return new VelibAggregatorConnector().validate(props).configValues().stream()
                .filter(v -> v.name().equals(key)).findFirst().orElseThrow().errorMessages();
    }
}

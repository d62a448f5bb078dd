package io.velibconnect.aggregate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import io.velibconnect.converter.StreamingJsonConverter;
import io.velibconnect.plugin.Choice;
import io.velibconnect.records.StationKey;
import io.velibconnect.records.SystemPartitioner;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;

/** Typed configuration of {@link VelibAggregatorConnector}; every default and documentation string lives here. */
public final class AggregatorConfig extends AbstractConfig {

    public static final String OUTPUT_TOPIC = "output.topic";
    public static final String DEFAULT_OUTPUT_TOPIC = "velib-projet-final-data";
    public static final String GROUP_BY = "group.by";
    public static final String GROUP_KEY = "group.key";
    public static final String H3_RESOLUTION = "h3.resolution";
    public static final String METADATA_CSV_SYSTEM = "metadata.csv.system";
    public static final String METADATA_CSV = "metadata.csv";
    public static final String METADATA_TOPIC = "metadata.topic";
    public static final String UNKNOWN_GROUP = "unknown.group";
    /** Connect's own setting, read only to refuse several tasks in group mode. */
    static final String TASKS_MAX = "tasks.max";
    public static final String STATE_TOPIC = "state.topic";
    public static final String BOOTSTRAP_SERVERS = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String OUTPUT_CONVERTER = "output.converter";
    public static final String METADATA_CONVERTER = "metadata.converter";
    public static final String PRODUCER_PREFIX = "producer.";
    public static final String CONSUMER_PREFIX = "consumer.";

    private static final String OUTPUT = "Output";
    private static final String GROUPING = "Grouping";
    private static final String METADATA = "Metadata";
    private static final String STATE = "State";
    private static final String CLIENTS = "Clients";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(OUTPUT_TOPIC, Type.STRING, DEFAULT_OUTPUT_TOPIC, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Topic the per-group totals are written to, keyed by the group; an emptied "
                            + "group gets a tombstone. Compaction suits it: the latest record per key is the total.", OUTPUT, 1, ConfigDef.Width.MEDIUM, "Output topic")
            .define(GROUP_BY, Type.STRING, GroupBy.POSTCODE.configValue(),
                    Choice.of(GroupBy.class),
                    Importance.HIGH, "What stations are grouped by: 'postcode' (the CSV's, else the feed's "
                    + "post_code), 'city' (the CSV's), 'region' (the station's GBFS region_id) or 'h3' (the H3 cell "
                    + "of the station's lat/lon, at h3.resolution). 'region' and 'h3' read the information topic "
                    + "(metadata.topic). The totals field named like the value holds the group.", GROUPING, 1, ConfigDef.Width.SHORT, "Group by", Choice.of(GroupBy.class))
            .define(GROUP_KEY, Type.STRING, GroupKey.GROUP.configValue(),
                    Choice.of(GroupKey.class),
                    Importance.HIGH, "How totals are keyed and stations told apart: 'group' keys a total by its "
                    + "group and counts one system (a record of a second system is a bad record); 'system-group' "
                    + "keys it '<system_id>/<group>' and tells stations apart by (system_id, station_id), which "
                    + "several systems in one input and tasks.max > 1 need. Changing it needs a new state.topic.",
                    GROUPING, 2, ConfigDef.Width.SHORT, "Group key", Choice.of(GroupKey.class))
            .define(H3_RESOLUTION, Type.INT, 8, ConfigDef.Range.between(0, 15), Importance.MEDIUM,
                    "H3 resolution of the cells with group.by=h3, from 0 (continent-sized) to 15 (about a square "
                    + "metre); 8 makes cells of about 0.7 km2.", GROUPING, 3, ConfigDef.Width.SHORT, "H3 resolution")
            .define(METADATA_CSV, Type.STRING, "",
                    described(AggregatorConfig::readableFileOrEmpty, "a readable file path, or empty"),
                    Importance.MEDIUM, "Path of a station metadata CSV in the format of the shipped Vélib' one "
                    + "(header stationCode,station_id,postcode,city). Stations are matched by station_id first, then by stationCode. Empty: no CSV. It describes one system's stations: "
                    + "see metadata.csv.system.", METADATA, 1, ConfigDef.Width.LONG, "Metadata CSV")
            .define(METADATA_CSV_SYSTEM, Type.STRING, "", Importance.MEDIUM, "The system_id of the system whose "
                    + "stations metadata.csv describes (the shipped CSV is Vélib' Métropole's); the CSV places only "
                    + "that system's stations. Required with group.key=system-group and a CSV. Empty with "
                    + "group.key=group: the CSV applies to every station.", METADATA, 2, ConfigDef.Width.MEDIUM, "Metadata CSV system")
            .define(METADATA_TOPIC, Type.STRING, "velib-stations", Importance.MEDIUM, "Compacted station "
                    + "information topic (the source's information.topic), read in full at start and followed: "
                    + "it gives each station's capacity, and its post_code where the CSV has no row. Empty: none.", METADATA, 3, ConfigDef.Width.MEDIUM, "Metadata topic")
            .define(UNKNOWN_GROUP, Type.STRING, "unknown", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Group of the stations that have no postcode (or city) in the CSV nor in the feed.", GROUPING, 4, ConfigDef.Width.SHORT, "Unknown group")
            .define(STATE_TOPIC, Type.STRING, "", Importance.MEDIUM, "Compacted changelog of each station's "
                    + "latest status, restored before any new record is applied. Empty: '<connector name>-state'. "
                    + "If it is missing or empty the task rebuilds its state by re-reading the input topics from "
                    + "their beginning.", STATE, 1, ConfigDef.Width.MEDIUM, "State topic")
            .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    described(AggregatorConfig::clusterAddresses, "host:port pairs"),
                    Importance.HIGH, "Required. Kafka cluster of the task's own producer (totals, changelog) and "
                    + "consumers (state restore, metadata topic), as host:port pairs: usually the worker's own "
                    + "bootstrap.servers. Pass client settings with the prefixes 'producer.' and 'consumer.'; the "
                    + "producer's own defaults are acks=all, the system partitioner, batch.size=262144 (256 KB: "
                    + "all totals of a system go to one partition) and compression.type=lz4.", CLIENTS, 1, ConfigDef.Width.LONG, "Bootstrap servers")
            .define(OUTPUT_CONVERTER, Type.CLASS, StreamingJsonConverter.class.getName(),
                    described(AggregatorConfig::converterClass, "a Converter class"), Importance.MEDIUM,
                    "Converter of the totals values (keys are plain UTF-8 strings). Its settings go with the "
                    + "prefix 'output.converter.'. The default writes exactly JsonConverter's bytes, faster; "
                    + "with schemas unless output.converter.schemas.enable=false.", OUTPUT, 2, ConfigDef.Width.MEDIUM, "Output converter")
            .define(METADATA_CONVERTER, Type.CLASS, StreamingJsonConverter.class.getName(),
                    described(AggregatorConfig::converterClass, "a Converter class"), Importance.LOW,
                    "Converter the information topic was written with (the worker's value "
                    + "converter of the source). Its settings go with the prefix 'metadata.converter.'. The "
                    + "default reads anything JsonConverter reads.", METADATA, 4, ConfigDef.Width.MEDIUM, "Metadata converter");

    public AggregatorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        conflicts(values(), originals().get(TASKS_MAX)).entrySet().stream().findFirst().ifPresent(conflict -> {
            throw new ConfigException(conflict.getKey(), values().get(conflict.getKey()), conflict.getValue());
        });
    }

    /**
     * Settings valid alone but not together, from parsed values and Connect's {@code tasks.max} (as given, or
     * null): the key to change, and what to set. The connector's validate() shows them too.
     */
    static Map<String, String> conflicts(Map<String, ?> values, Object tasksMax) {
        Map<String, String> conflicts = new LinkedHashMap<>();
        GroupBy groupBy = GroupBy.parse(values.get(GROUP_BY).toString());
        if (groupBy.needsInformationTopic() && values.get(METADATA_TOPIC).toString().isBlank()) {
            conflicts.put(GROUP_BY, "group.by=" + groupBy.configValue() + " reads each station's "
                    + (groupBy == GroupBy.REGION ? "region_id" : "lat/lon") + " from the information topic; set "
                    + METADATA_TOPIC + " to the source's information.topic");
        }
        boolean systemGroup = GroupKey.parse(values.get(GROUP_KEY).toString()) == GroupKey.SYSTEM_GROUP;
        if (systemGroup && !values.get(METADATA_CSV).toString().isBlank()
                && values.get(METADATA_CSV_SYSTEM).toString().isBlank()) {
            conflicts.put(METADATA_CSV_SYSTEM, "with group.key=system-group the CSV must name the system it "
                    + "describes: set " + METADATA_CSV_SYSTEM + " to its system_id, or leave " + METADATA_CSV
                    + " empty");
        }
        int tasks = tasks(tasksMax);
        if (tasks > 1 && !systemGroup) {
            conflicts.put(GROUP_KEY, TASKS_MAX + "=" + tasks + " runs tasks that each count only the stations of "
                    + "their own input partitions, so all stations of a group must lie in one input partition; "
                    + "SystemPartitioner guarantees that per system, and system-scoped groups keep each group in "
                    + "its system: set " + GROUP_KEY + "=" + GroupKey.SYSTEM_GROUP.configValue()
                    + ", and on the source station.key=" + StationKey.SYSTEM_CODE.configValue()
                    + " with producer.override.partitioner.class=" + SystemPartitioner.class.getName()
                    + " (or set " + TASKS_MAX + "=1)");
        }
        return conflicts;
    }

    /** The task count asked for; 1 when absent or not a number (Connect itself refuses a bad tasks.max). */
    private static int tasks(Object tasksMax) {
        try {
            return tasksMax == null ? 1 : Integer.parseInt(tasksMax.toString().strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** A validator the configuration reference names by {@code description} (a method reference has no name). */
    private static ConfigDef.Validator described(BiConsumer<String, Object> check, String description) {
        return ConfigDef.LambdaValidator.with(check, () -> description);
    }

    /**
     * No default: a forgotten key would silently point the task's own clients at whatever listens on the
     * worker's localhost, which in most deployments is not the cluster the worker uses.
     */
    private static void clusterAddresses(String name, Object value) {
        List<?> servers = value instanceof List<?> list ? list : List.of();
        String fix = "set it to the host:port pairs of the Kafka cluster the aggregator's own producer and "
                + "consumers must reach, usually the worker's own bootstrap.servers";
        if (servers.isEmpty()) {
            throw new ConfigException(name, value, "no cluster given; " + fix);
        }
        for (Object server : servers) {
            String address = server.toString().strip();
            if (Utils.getHost(address) == null || Utils.getPort(address) == null) {
                throw new ConfigException(name, value, "'" + address + "' is not a host:port pair; " + fix);
            }
        }
    }

    private static void readableFileOrEmpty(String name, Object value) {
        String path = value == null ? "" : value.toString().strip();
        if (!path.isEmpty() && !Files.isReadable(Path.of(path))) {
            throw new ConfigException(name, value, "no readable file at this path (give an absolute path on the "
                    + "worker's machine, or leave it empty)");
        }
    }

    private static void converterClass(String name, Object value) {
        if (value instanceof Class<?> type && !Converter.class.isAssignableFrom(type)) {
            throw new ConfigException(name, type.getName(), "not a " + Converter.class.getName());
        }
    }

    public String outputTopic() {
        return getString(OUTPUT_TOPIC);
    }

    public GroupBy groupBy() {
        return GroupBy.parse(getString(GROUP_BY));
    }

    public Grouping grouping() {
        return new Grouping(groupBy(), GroupKey.parse(getString(GROUP_KEY)), getInt(H3_RESOLUTION), unknownGroup());
    }

    /** The system metadata.csv describes, or null when it applies to every station. */
    public String metadataCsvSystem() {
        String system = getString(METADATA_CSV_SYSTEM).strip();
        return system.isEmpty() ? null : system;
    }

    public Optional<Path> metadataCsv() {
        String path = getString(METADATA_CSV).strip();
        return path.isEmpty() ? Optional.empty() : Optional.of(Path.of(path));
    }

    public Optional<String> metadataTopic() {
        String topic = getString(METADATA_TOPIC).strip();
        return topic.isEmpty() ? Optional.empty() : Optional.of(topic);
    }

    public String unknownGroup() {
        return getString(UNKNOWN_GROUP);
    }

    public String stateTopic(String connectorName) {
        String topic = getString(STATE_TOPIC).strip();
        return topic.isEmpty() ? connectorName + "-state" : topic;
    }

    /** The value converter of the totals, configured from the {@code output.converter.*} keys. */
    public Converter outputConverter() {
        return valueConverter(OUTPUT_CONVERTER);
    }

    /** The value converter of the information topic, configured from the {@code metadata.converter.*} keys. */
    public Converter metadataConverter() {
        return valueConverter(METADATA_CONVERTER);
    }

    private Converter valueConverter(String key) {
        Converter converter = Utils.newInstance(getClass(key), Converter.class);
        Map<String, Object> settings = new HashMap<>(originalsWithPrefix(key + "."));
        settings.put(ConverterConfig.TYPE_CONFIG, ConverterType.VALUE.getName());
        converter.configure(settings, false);
        return converter;
    }

    public Map<String, Object> producerProps() {
        return clientProps(PRODUCER_PREFIX);
    }

    /**
     * The task's own consumers only read, so they never create a topic: the metadata topic looked up before the
     * source made it would otherwise be auto-created by the broker with the delete policy instead of compaction.
     */
    public Map<String, Object> consumerProps() {
        Map<String, Object> props = clientProps(CONSUMER_PREFIX);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return props;
    }

    private Map<String, Object> clientProps(String prefix) {
        Map<String, Object> props = new HashMap<>(originalsWithPrefix(prefix));
        List<String> servers = getList(BOOTSTRAP_SERVERS);
        props.put(BOOTSTRAP_SERVERS, String.join(",", servers));
        return props;
    }
}

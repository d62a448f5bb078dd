package io.velibconnect.aggregate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.velibconnect.records.StationJsonConverter;

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
    public static final String GROUP_BY = "group.by";
    public static final String METADATA_CSV = "metadata.csv";
    public static final String METADATA_TOPIC = "metadata.topic";
    public static final String UNKNOWN_GROUP = "unknown.group";
    public static final String STATE_TOPIC = "state.topic";
    public static final String BOOTSTRAP_SERVERS = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String OUTPUT_CONVERTER = "output.converter";
    public static final String METADATA_CONVERTER = "metadata.converter";
    public static final String PRODUCER_PREFIX = "producer.";
    public static final String CONSUMER_PREFIX = "consumer.";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(OUTPUT_TOPIC, Type.STRING, "velib-projet-final-data", new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Topic the per-group totals are written to, keyed by the group; an emptied "
                            + "group gets a tombstone. Compaction suits it: the latest record per key is the total.")
            .define(GROUP_BY, Type.STRING, "postcode", ConfigDef.CaseInsensitiveValidString.in("postcode", "city"),
                    Importance.HIGH, "What stations are grouped by: 'postcode' or 'city'.")
            .define(METADATA_CSV, Type.STRING, "", AggregatorConfig::readableFileOrEmpty, Importance.MEDIUM,
                    "Path of a station metadata CSV in the "
                    + "seed's format (header stationCode,station_id,postcode,city). Stations are matched by "
                    + "station_id first, then by stationCode. Empty: no CSV.")
            .define(METADATA_TOPIC, Type.STRING, "velib-stations", Importance.MEDIUM, "Compacted station "
                    + "information topic (the source's information.topic), read in full at start and followed: "
                    + "it gives each station's capacity, and its post_code where the CSV has no row. Empty: none.")
            .define(UNKNOWN_GROUP, Type.STRING, "unknown", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Group of the stations that have no postcode (or city) in the CSV nor in the feed.")
            .define(STATE_TOPIC, Type.STRING, "", Importance.MEDIUM, "Compacted changelog of each station's "
                    + "latest status, restored before any new record is applied. Empty: '<connector name>-state'. "
                    + "If it is missing or empty the task rebuilds its state by re-reading the input topics from "
                    + "their beginning.")
            .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, AggregatorConfig::clusterAddresses,
                    Importance.HIGH, "Required. Kafka cluster of the task's own producer (totals, changelog) and "
                    + "consumers (state restore, metadata topic), as host:port pairs: usually the worker's own "
                    + "bootstrap.servers. Pass client settings with the prefixes 'producer.' and 'consumer.'.")
            .define(OUTPUT_CONVERTER, Type.CLASS, StationJsonConverter.class.getName(),
                    AggregatorConfig::converterClass, Importance.MEDIUM,
                    "Converter of the totals values (keys are plain UTF-8 strings). Its settings go with the "
                    + "prefix 'output.converter.'. The default writes exactly JsonConverter's bytes, faster; "
                    + "with schemas unless output.converter.schemas.enable=false.")
            .define(METADATA_CONVERTER, Type.CLASS, StationJsonConverter.class.getName(),
                    AggregatorConfig::converterClass, Importance.LOW,
                    "Converter the information topic was written with (the worker's value "
                    + "converter of the source). Its settings go with the prefix 'metadata.converter.'. The "
                    + "default reads anything JsonConverter reads.");

    public AggregatorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
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

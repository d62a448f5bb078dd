package io.velibconnect.source;

import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.records.StationSchemas;
import io.velibconnect.testing.BuiltFeeds;
import io.velibconnect.testing.PluginJmx;
import io.velibconnect.testing.RecordedVelibServer;
import io.velibconnect.testing.TestData;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import javax.management.JMException;
import javax.management.ObjectName;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connector in a real KRaft broker + distributed Connect worker, polling recorded Vélib' feeds from a
 * MockWebServer. The steps run in order on one cluster and one connector.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VelibSourceConnectorIT {

    static final String CONNECTOR = "velib-source";
    static final String STATUS_TOPIC = "velib-projet";
    static final String INFO_TOPIC = "velib-stations";

    private EmbeddedConnectCluster connect;
    private RecordedVelibServer feeds;
    private TopicReader status;
    private TopicReader information;

    @BeforeAll
    void start() throws Exception {
        feeds = new RecordedVelibServer();
        connect = startCluster(Map.of());
        status = new TopicReader(connect, STATUS_TOPIC, Map.of());
        information = new TopicReader(connect, INFO_TOPIC, Map.of());
    }

    @AfterAll
    void stop() {
        status.close();
        information.close();
        connect.stop();
        feeds.close();
    }

    static EmbeddedConnectCluster startCluster(Map<String, String> extraWorkerProps) {
        Map<String, String> worker = new HashMap<>(Map.of("offset.flush.interval.ms", "500"));
        worker.putAll(extraWorkerProps);
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder().name("velib-source-it")
                .numWorkers(1).numBrokers(1).workerProps(worker).brokerProps(broker).build();
        cluster.start();
        return cluster;
    }

    static Map<String, String> connectorConfig(String gbfsUrl) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", VelibSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("gbfs.url", gbfsUrl);
        config.put("poll.interval.ms", "200");
        config.put("ttl.max.ms", "0");
        config.put("retry.backoff.ms", "100");
        config.put("retry.backoff.max.ms", "400");
        config.put("http.read.timeout.ms", "1000");
        config.put("http.call.timeout.ms", "2000");
        config.put("http.max.body.bytes", "1000000");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", JsonConverter.class.getName());
        config.put("value.converter.schemas.enable", "true");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.groups", "information");
        config.put("topic.creation.information.include", INFO_TOPIC);
        config.put("topic.creation.information.cleanup.policy", "compact");
        return config;
    }

    @Test
    @Order(1)
    void firstPollEmitsEveryStationWithItsSchemaIntoTopicsItCreates() throws Exception {
        feeds.serveSnapshot("1035");
        long created = System.currentTimeMillis();
        connect.configureConnector(CONNECTOR, connectorConfig(feeds.gbfsUrl()));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, "source not running");

        List<ConsumerRecord<byte[], byte[]>> first = status.read(1486);
        List<ConsumerRecord<byte[], byte[]>> stations = information.read(1486);

        assertEquals(1486, first.stream().map(TopicReader::key).distinct().count());
        Struct station = status.value(first.stream().filter(r -> TopicReader.key(r).equals("16107")).findFirst()
                .orElseThrow());
        assertEquals(StationSchemas.STATUS.name(), station.schema().name());
        assertEquals(1, station.schema().version());
        assertEquals("213688169", station.getString(StationSchemas.STATION_ID));
        assertEquals(8, station.getInt32(StationSchemas.NUM_BIKES_AVAILABLE));
        assertEquals(1, station.getInt32(StationSchemas.MECHANICAL));
        assertEquals(7, station.getInt32(StationSchemas.EBIKE));
        assertEquals(true, station.getBoolean(StationSchemas.IS_RENTING));
        assertEquals(new java.util.Date(1734255053000L), station.get(StationSchemas.LAST_REPORTED));
        assertEquals("Paris", station.getString(StationSchemas.SYSTEM_ID));
        assertEquals(17768, first.stream().map(status::value)
                .mapToInt(s -> s.getInt32(StationSchemas.NUM_BIKES_AVAILABLE)).sum());
        // send time, not the feed's 2024 time, or the topic's retention would delete the records at its next check
        assertTrue(first.stream().allMatch(r -> r.timestamp() >= created), "records stamped with the send time");

        Struct info = information.value(stations.get(0));
        assertEquals(StationSchemas.INFORMATION.name(), info.schema().name());
        try (Admin admin = connect.kafka().createAdminClient()) {
            ConfigResource infoTopic = new ConfigResource(ConfigResource.Type.TOPIC, INFO_TOPIC);
            Config config = admin.describeConfigs(List.of(infoTopic)).all().get().get(infoTopic);
            assertEquals("compact", config.get("cleanup.policy").value());
            assertEquals(1, admin.describeTopics(List.of(STATUS_TOPIC)).allTopicNames().get().get(STATUS_TOPIC)
                    .partitions().size());
        }
    }

    @Test
    @Order(2)
    void laterPollsEmitOnlyTheStationsThatChanged() throws Exception {
        feeds.serveSnapshot("1037");
        Set<String> expected = changedKeys("1035", "1037");

        List<ConsumerRecord<byte[], byte[]>> changes = status.read(expected.size());

        assertEquals(expected, keys(changes));
        assertTrue(expected.size() < 1486, "only changes: " + expected.size());
        status.assertNothingMore();
        information.assertNothingMore();
    }

    @Test
    @Order(3)
    void aRestartResumesFromOffsetsWithoutResendingUnchangedStations() throws Exception {
        feeds.serveSnapshot("1308");
        status.read(changedKeys("1037", "1308").size());

        connect.stopConnector(CONNECTOR);
        connect.assertions().assertConnectorIsStopped(CONNECTOR, "not stopped");
        feeds.serveSnapshot("1313");
        connect.resumeConnector(CONNECTOR);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, "not resumed");

        Set<String> expected = changedKeys("1308", "1313");
        assertEquals(expected, keys(status.read(expected.size())));
        status.assertNothingMore();
        information.assertNothingMore();
    }

    @Test
    @Order(4)
    void feedFaultsLeaveTheTaskRunningAndTheNextGoodPollDelivers() throws Exception {
        byte[] good = TestData.bytes(RecordedVelibServer.SERIES + "station_status_2024-12-15T1319Z.json");
        byte[] huge = new byte[2_000_000];
        Arrays.fill(huge, (byte) ' ');
        List<MockResponse> faults = List.of(
                new MockResponse.Builder().code(500).body("oops").build(),
                new MockResponse.Builder().code(404).build(),
                new MockResponse.Builder().body(new Buffer().write(good)).bodyDelay(3, TimeUnit.SECONDS).build(),
                new MockResponse.Builder().body(new Buffer().write(Arrays.copyOf(good, 5000)))
                        .setHeader("Content-Length", good.length).onResponseBody(new SocketEffect.CloseSocket())
                        .build(),
                RecordedVelibServer.ok(Arrays.copyOf(good, good.length / 2)),
                RecordedVelibServer.ok(huge),
                RecordedVelibServer.ok(BuiltFeeds.velibStatusWithoutStations()));
        for (MockResponse fault : faults) {
            feeds.serve(fault);
            int seen = feeds.statusRequests();
            waitUntil(() -> feeds.statusRequests() >= seen + 2);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, "died on " + fault);
        }
        status.assertNothingMore();

        feeds.serve(RecordedVelibServer.ok(BuiltFeeds.firstBikeCountAsText(good)));
        Set<String> expected = changedKeys("1313", "1319");
        expected.remove("16107");
        assertEquals(expected, keys(status.read(expected.size())));

        feeds.serve(new MockResponse.Builder().code(302).addHeader("Location", feeds.movedStatusUrl()).build());
        Set<String> afterRedirect = changedKeys("1319", "1452");
        afterRedirect.add("16107");
        assertEquals(afterRedirect, keys(status.read(afterRedirect.size())));
        status.assertNothingMore();

        long rejected = PluginJmx.count(PluginJmx.task(CONNECTOR), "stations-rejected");
        long errors = PluginJmx.count(PluginJmx.task(CONNECTOR), "poll-errors");
        assertTrue(rejected >= 1, "rejected " + rejected);
        assertTrue(errors >= faults.size(), "errors " + errors);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, "source not running");
    }

    @Test
    @Order(5)
    void stationsGoneFromTheFeedBecomeTombstonesOnBothTopics() throws Exception {
        byte[] status1453 = TestData.bytes(RecordedVelibServer.SERIES + "station_status_2024-12-15T1453Z.json");
        byte[] info = TestData.bytes(RecordedVelibServer.SERIES + "station_information_2024-12-15T1751Z.json");
        FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);
        List<String> gone = parser.parseStatus(status1453).stations().subList(0, 3).stream()
                .map(StationStatus::key).toList();
        assertEquals(List.of("16107", "44015", "9020"), gone, "the first three, a seed station among them");
        assertEquals(gone, parser.parseInformation(info).stations().subList(0, 3).stream()
                .map(io.velibconnect.gbfs.StationInformation::key).toList());

        feeds.serve(RecordedVelibServer.ok(BuiltFeeds.velibWithoutStations(status1453, Set.copyOf(gone), 0)));
        feeds.serveInformation(BuiltFeeds.velibWithoutStations(info, Set.copyOf(gone), 60));
        Set<String> changed = changedKeys("1452", "1453");
        gone.forEach(changed::remove);

        List<ConsumerRecord<byte[], byte[]>> statusRecords = status.read(changed.size() + gone.size());
        List<ConsumerRecord<byte[], byte[]>> infoRecords = information.read(gone.size());
        assertEquals(gone, statusRecords.subList(changed.size(), statusRecords.size()).stream()
                .map(TopicReader::key).toList(), "tombstones after the changes, sorted by key");
        assertTrue(statusRecords.subList(changed.size(), statusRecords.size()).stream()
                .allMatch(r -> r.value() == null), "real Kafka tombstones: null values");
        assertEquals(changed, keys(statusRecords.subList(0, changed.size())));
        assertEquals(gone, infoRecords.stream().map(TopicReader::key).toList());
        assertTrue(infoRecords.stream().allMatch(r -> r.value() == null));
        status.assertNothingMore();
        information.assertNothingMore();
    }

    @Test
    @Order(6)
    void userOffsetsAreCheckedAndForgettingOneSystemsStatusReEmitsItsStations() throws Exception {
        connect.stopConnector(CONNECTOR);
        connect.assertions().assertConnectorIsStopped(CONNECTOR, "not stopped");
        Map<String, Object> partition = FeedSystem.partition(feeds.gbfsUrl(), FeedKind.STATUS, 0);
        ConnectRestException refused = assertThrows(ConnectRestException.class, () -> connect
                .alterSourceConnectorOffset(CONNECTOR, partition, Map.of("last_updated", 1L, "stations", "x!")));
        assertTrue(refused.getMessage().contains("Offsets refused") && refused.getMessage().contains("not base64"),
                refused.getMessage());

        // the README's "re-emit one system": every status partition of its gbfs.url, as GET lists them, set to null
        List<ConnectorOffset> forget = connect.connectorOffsets(CONNECTOR).offsets().stream()
                .filter(o -> feeds.gbfsUrl().equals(o.partition().get("url"))
                        && FeedKind.STATUS.name().equals(o.partition().get("feed")))
                .map(o -> new ConnectorOffset(o.partition(), null)).toList();
        assertTrue(forget.size() > 1, "the status feed's shards: " + forget.size());
        connect.alterConnectorOffsets(CONNECTOR, new ConnectorOffsets(forget));
        connect.resumeConnector(CONNECTOR);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, "not resumed");

        int served = new FeedParser("en", FeedLimits.DEFAULTS).parseStatus(TestData.bytes(RecordedVelibServer.SERIES
                + "station_status_2024-12-15T1453Z.json")).stations().size() - 3;
        assertEquals(served, keys(status.read(served)).size(), "every station of the system once more");
        status.assertNothingMore();
        information.assertNothingMore();
    }

    @Test
    @Order(7)
    void resettingTheConnectorsOffsetsReEmitsEveryFeed() throws Exception {
        connect.stopConnector(CONNECTOR);
        connect.assertions().assertConnectorIsStopped(CONNECTOR, "not stopped");
        connect.resetConnectorOffsets(CONNECTOR);
        connect.resumeConnector(CONNECTOR);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, "not resumed");

        int served = new FeedParser("en", FeedLimits.DEFAULTS).parseStatus(TestData.bytes(RecordedVelibServer.SERIES
                + "station_status_2024-12-15T1453Z.json")).stations().size() - 3;
        assertEquals(served, keys(status.read(served)).size());
        assertEquals(served, keys(information.read(served)).size());
        status.assertNothingMore();
        information.assertNothingMore();
        assertEquals(2L * served, PluginJmx.count(PluginJmx.task(CONNECTOR), "stations-emitted"),
                "the restarted task counted each record of both topics once");
    }

    @Test
    @Order(8)
    void theTaskAndEachFeedShowTheirMetricsOverJmx() throws Exception {
        ObjectName task = PluginJmx.task(CONNECTOR);
        ObjectName statusFeed = PluginJmx.feed(CONNECTOR, feeds.base() + "station_status.json");
        ObjectName informationFeed = PluginJmx.feed(CONNECTOR, feeds.base() + "station_information.json");
        assertTrue(PluginJmx.count(task, "polls") > 0);
        assertEquals(200L, PluginJmx.value(statusFeed, "last-http-status"));
        assertEquals(200L, PluginJmx.value(informationFeed, "last-http-status"));
        // the recorded snapshot is from 2024-12-15
        assertTrue(PluginJmx.count(statusFeed, "feed-age-seconds") > 86_400);
        assertTrue(PluginJmx.count(task, "feed-age-seconds") > 86_400);
        assertEquals(0, PluginJmx.count(PluginJmx.feed(CONNECTOR, feeds.gbfsUrl()), "consecutive-failures"));
        long httpErrors = PluginJmx.count(statusFeed, "poll-errors-http-status");
        long networkErrors = PluginJmx.count(statusFeed, "poll-errors-network");

        feeds.serve(new MockResponse.Builder().code(500).build());
        waitUntil(() -> count(statusFeed, "poll-errors-http-status") > httpErrors);

        assertEquals(500L, PluginJmx.value(statusFeed, "last-http-status"));
        assertEquals(networkErrors, PluginJmx.count(statusFeed, "poll-errors-network"), "a 500 is no network error");
        assertEquals(0, PluginJmx.count(informationFeed, "poll-errors-http-status"), "only the status feed failed");
        assertTrue(PluginJmx.count(task, "poll-errors") >= PluginJmx.count(statusFeed, "poll-errors-http-status"));
        feeds.serveSnapshot("1453");
        waitUntil(() -> count(statusFeed, "consecutive-failures") == 0);
        assertEquals(200L, PluginJmx.value(statusFeed, "last-http-status"));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, "source not running");
    }

    private static long count(ObjectName name, String metric) {
        try {
            return PluginJmx.count(name, metric);
        } catch (JMException e) {
            throw new AssertionError(name + " " + metric, e);
        }
    }

    static Set<String> changedKeys(String from, String to) throws Exception {
        FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);
        List<StationStatus> before = parser.parseStatus(TestData.bytes(RecordedVelibServer.SERIES
                + "station_status_2024-12-15T" + from + "Z.json")).stations();
        List<StationStatus> after = parser.parseStatus(TestData.bytes(RecordedVelibServer.SERIES
                + "station_status_2024-12-15T" + to + "Z.json")).stations();
        Map<String, Long> previous = before.stream()
                .collect(Collectors.toMap(StationStatus::key, StationStatus::fingerprint));
        return after.stream().filter(s -> !Long.valueOf(s.fingerprint()).equals(previous.get(s.key())))
                .map(StationStatus::key)
                .collect(Collectors.toCollection(java.util.HashSet::new));
    }

    static Set<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> keys = records.stream().map(TopicReader::key).collect(Collectors.toSet());
        assertEquals(records.size(), keys.size(), "each station once");
        return keys;
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(50);
        }
    }

    /** Reads one topic from its beginning, a step at a time, and decodes values with schemas. */
    static final class TopicReader implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String topic;
        private final JsonConverter converter = new JsonConverter();

        TopicReader(EmbeddedConnectCluster connect, String topic, Map<String, Object> consumerProps) {
            Map<String, Object> props = new HashMap<>(consumerProps);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic);
            this.consumer = connect.kafka().createConsumerAndSubscribeTo(props, topic);
            this.topic = topic;
            converter.configure(Map.of("schemas.enable", "true"), false);
        }

        /** Exactly the next {@code n} records (fails if they do not come within 60 s). */
        List<ConsumerRecord<byte[], byte[]>> read(int n) {
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < n) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(topic + ": " + records.size() + " of " + n + " records within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertEquals(n, records.size(), topic + ": more records than the changes");
            return records;
        }

        /** Nothing more arrives while the connector keeps polling an unchanged feed for two seconds. */
        void assertNothingMore() {
            List<ConsumerRecord<byte[], byte[]>> extra = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(extra::add);
            }
            assertEquals(List.of(), extra.stream().map(TopicReader::key).toList(), topic + ": unexpected records");
        }

        Struct value(ConsumerRecord<byte[], byte[]> record) {
            SchemaAndValue value = converter.toConnectData(topic, record.value());
            return (Struct) value.value();
        }

        static String key(ConsumerRecord<byte[], byte[]> record) {
            return new String(record.key(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}

package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.velibconnect.gbfs.StationInformation;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.records.StationRecords;
import io.velibconnect.records.StationSchemas;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The aggregator in a real Connect cluster (2 workers, 1 broker) behind the source connector, which polls the
 * recorded 2024-12-15 series served snapshot by snapshot over local HTTP: after the last snapshot the totals topic (latest per key) equals a fresh computation from that snapshot joined with the
 * seed's CSV, field for field — straight, after a restart mid-series, after losing the state topic, and after the
 * worker running the task is stopped mid-series. Also: station information that arrives only after the task
 * started (its topic created later) still reaches the totals.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AggregatorIT {

    private static final long TIMEOUT_MS = 60_000;
    private static EmbeddedConnectCluster connect;
    private static KafkaProducer<byte[], byte[]> producer;
    private static final JsonConverter JSON = new JsonConverter();
    private static final List<Path> SNAPSHOTS = VelibSeries.statusFiles();
    private static final StationMetadata METADATA = VelibSeries.metadata(GroupBy.POSTCODE);
    private static final List<ReplayedFeed> FEEDS = new java.util.ArrayList<>();

    @BeforeAll
    static void startCluster() {
        Map<String, String> worker = new HashMap<>();
        worker.put("offset.flush.interval.ms", "500");
        // the work of a departed worker is reassigned after this delay (default 5 minutes)
        worker.put("scheduled.rebalance.max.delay.ms", "2000");
        worker.put("key.converter", StringConverter.class.getName());
        worker.put("value.converter", JsonConverter.class.getName());
        worker.put("value.converter.schemas.enable", "true");
        connect = new EmbeddedConnectCluster.Builder().name("aggregator-it").numWorkers(2).numBrokers(1)
                .workerProps(worker).build();
        connect.start();
        producer = connect.kafka().createProducer(Map.of());
        JSON.configure(Map.of("schemas.enable", "true"), false);
    }

    @AfterAll
    static void stopCluster() {
        FEEDS.forEach(ReplayedFeed::close);
        if (producer != null) {
            producer.close();
        }
        if (connect != null) {
            connect.stop();
        }
    }

    /** One pipeline's feed, topics and connectors, so the scenarios do not see each other's records. */
    private record Pipeline(String name, ReplayedFeed feed) {
        String status() {
            return name + "-status";
        }

        String information() {
            return name + "-stations";
        }

        String totals() {
            return name + "-totals";
        }

        String connector() {
            return name + "-aggregator";
        }

        Map<String, String> config() {
            Map<String, String> config = new HashMap<>();
            config.put("connector.class", VelibAggregatorConnector.class.getName());
            config.put("tasks.max", "1");
            config.put("topics", status());
            config.put(AggregatorConfig.OUTPUT_TOPIC, totals());
            config.put(AggregatorConfig.METADATA_TOPIC, information());
            config.put(AggregatorConfig.METADATA_CSV, VelibSeries.CSV.toString());
            config.put(AggregatorConfig.BOOTSTRAP_SERVERS, connect.kafka().bootstrapServers());
            return config;
        }

        Map<String, String> sourceConfig() {
            Map<String, String> config = new HashMap<>();
            config.put("connector.class", "io.velibconnect.source.VelibSourceConnector");
            config.put("tasks.max", "1");
            config.put("gbfs.url", feed.gbfsUrl());
            config.put("status.topic", status());
            config.put("information.topic", information());
            config.put("poll.interval.ms", "100");
            config.put("ttl.max.ms", "0");
            return config;
        }
    }

    /** Topics, a replayed feed serving the first snapshot, and the source connector polling it. */
    private static Pipeline pipeline(String name) throws InterruptedException {
        Pipeline p = new Pipeline(name, new ReplayedFeed());
        FEEDS.add(p.feed());
        connect.kafka().createTopic(p.status(), 1);
        connect.kafka().createTopic(p.totals(), 1);
        connect.kafka().createTopic(p.information(), 1, 1, Map.of("cleanup.policy", "compact"));
        p.feed().serve(SNAPSHOTS.get(0));
        connect.configureConnector(name + "-source", p.sourceConfig());
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name + "-source", 1, "source not running");
        return p;
    }

    private static void startAggregator(Pipeline p, Map<String, String> extra) throws InterruptedException {
        Map<String, String> config = p.config();
        config.putAll(extra);
        connect.configureConnector(p.connector(), config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(p.connector(), 1, "aggregator not running");
    }

    private static void publish(Pipeline p, int snapshot) throws InterruptedException {
        p.feed().serveAndAwaitPoll(SNAPSHOTS.get(snapshot));
    }

    private static void send(String topic, String key, Schema schema, Object value) {
        byte[] bytes = value == null ? null : JSON.fromConnectData(topic, schema, value);
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), bytes));
    }

    private static Map<String, GroupTotals> expectedAfter(int snapshot) {
        return FreshTotals.of(VelibSeries.status(SNAPSHOTS.get(snapshot)), METADATA);
    }

    private static void awaitTotals(String topic, Map<String, GroupTotals> expected) throws InterruptedException {
        AtomicReference<Map<String, GroupTotals>> seen = new AtomicReference<>();
        try {
            TestUtils.waitForCondition(() -> {
                ConsumerRecords<byte[], byte[]> records = connect.kafka().consumeAll(10_000, topic);
                seen.set(new TotalsTable().add(records).table());
                return expected.equals(seen.get());
            }, TIMEOUT_MS, 500, () -> "totals in " + topic + " never matched the fresh computation");
        } catch (AssertionError e) {
            assertEquals(expected, seen.get(), e.getMessage());
        }
    }

    @Test
    @Order(1)
    void seriesGivesTheFreshTotalsOfTheLastSnapshotAndBadRecordsGoToTheDeadLetterQueue() throws Exception {
        Pipeline p = pipeline("straight");
        startAggregator(p, Map.of(
                "errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", p.name() + "-dlq",
                "errors.deadletterqueue.topic.replication.factor", "1"));
        for (int i = 0; i < SNAPSHOTS.size(); i++) {
            publish(p, i);
            if (i == 5) {
                publishBadRecords(p);
            }
        }
        Map<String, GroupTotals> expected = expectedAfter(SNAPSHOTS.size() - 1);
        awaitTotals(p.totals(), expected);
        assertEquals(86, expected.size(), "the 85 postcodes of the CSV + the unknown group");

        assertEquals(3, connect.kafka().consume(3, TIMEOUT_MS, p.name() + "-dlq").count());
        Map<String, Long> metrics = taskMetrics(p.connector());
        assertEquals(3L, metrics.get("bad-records"));
        assertTrue(metrics.get("records-in") > 1486 + 3, "the source sends changed stations only");
        assertEquals(1486L, metrics.get("state-size"));
        assertEquals(40L, metrics.get("unknown-stations"));
    }

    /** A tombstone, a mistyped count and a record without last_updated. */
    private static void publishBadRecords(Pipeline p) {
        send(p.status(), "16107", StationSchemas.STATUS, null);
        Schema mistyped = SchemaBuilder.struct().name("io.velibconnect.StationStatus")
                .field(StationSchemas.STATION_ID, Schema.STRING_SCHEMA)
                .field(StationSchemas.NUM_BIKES_AVAILABLE, Schema.STRING_SCHEMA)
                .field(StationSchemas.LAST_UPDATED, org.apache.kafka.connect.data.Timestamp.SCHEMA).build();
        send(p.status(), "44015", mistyped, new Struct(mistyped).put(StationSchemas.STATION_ID, "17278902806")
                .put(StationSchemas.NUM_BIKES_AVAILABLE, "lots").put(StationSchemas.LAST_UPDATED, new Date()));
        Schema noTime = SchemaBuilder.struct().field(StationSchemas.STATION_ID, Schema.STRING_SCHEMA)
                .field(StationSchemas.NUM_BIKES_AVAILABLE, Schema.INT32_SCHEMA).build();
        send(p.status(), "9020", noTime, new Struct(noTime).put(StationSchemas.STATION_ID, "36255")
                .put(StationSchemas.NUM_BIKES_AVAILABLE, 99));
        producer.flush();
    }

    private static Map<String, Long> taskMetrics(String connector) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(
                new ObjectName("kafka.connect:type=plugins,connector=" + connector + ",task=0"), null);
        assertEquals(1, names.size(), "plugin metrics of " + connector + ": " + names);
        ObjectName name = names.iterator().next();
        Map<String, Long> metrics = new HashMap<>();
        for (String metric : List.of("records-in", "groups-updated", "unknown-stations", "bad-records", "state-size",
                "restore-time-ms", "stations-restored")) {
            metrics.put(metric, ((Number) server.getAttribute(name, metric)).longValue());
        }
        return metrics;
    }

    @Test
    @Order(2)
    void restartMidSeries() throws Exception {
        Pipeline p = pipeline("restart");
        startAggregator(p, Map.of());
        for (int i = 0; i < 6; i++) {
            publish(p, i);
        }
        awaitTotals(p.totals(), expectedAfter(5));
        publish(p, 6);
        publish(p, 7);
        connect.restartConnectorAndTasks(p.connector(), false, true, false);
        for (int i = 8; i < SNAPSHOTS.size(); i++) {
            publish(p, i);
        }
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(p.connector(), 1, "not running again");
        awaitTotals(p.totals(), expectedAfter(SNAPSHOTS.size() - 1));
        assertEquals(1486L, taskMetrics(p.connector()).get("stations-restored"), "restored, not rebuilt");
    }

    @Test
    @Order(3)
    void stateTopicDeletedThenRebuiltFromTheInputTopic() throws Exception {
        Pipeline p = pipeline("rebuild");
        startAggregator(p, Map.of());
        for (int i = 0; i < SNAPSHOTS.size(); i++) {
            publish(p, i);
        }
        Map<String, GroupTotals> expected = expectedAfter(SNAPSHOTS.size() - 1);
        awaitTotals(p.totals(), expected);

        connect.deleteConnector(p.connector());
        connect.assertions().assertConnectorDoesNotExist(p.connector(), "connector not deleted");
        try (Admin admin = connect.kafka().createAdminClient()) {
            TestUtils.waitForCondition(() -> admin.describeConsumerGroups(List.of("connect-" + p.connector()))
                    .all().get().get("connect-" + p.connector()).members().isEmpty(), TIMEOUT_MS,
                    "the deleted connector's task never left its consumer group");
        }
        connect.kafka().deleteTopic(p.connector() + "-state");
        connect.kafka().deleteTopic(p.totals());
        connect.assertions().assertTopicsDoNotExist(p.connector() + "-state", p.totals());
        connect.kafka().createTopic(p.totals(), 1);
        startAggregator(p, Map.of());
        awaitTotals(p.totals(), expected);
        assertEquals(0L, taskMetrics(p.connector()).get("stations-restored"), "nothing to restore: rebuilt");
    }

    @Test
    @Order(4)
    void informationTopicCreatedAfterTheTaskStartedStillReachesTheTotals() throws Exception {
        Pipeline p = new Pipeline("late-metadata", null);
        connect.kafka().createTopic(p.status(), 1);
        connect.kafka().createTopic(p.totals(), 1);
        startAggregator(p, Map.of());
        List<StationStatus> last = VelibSeries.lastStatus();
        for (StationStatus status : last) {
            send(p.status(), status.key(), StationSchemas.STATUS, StationRecords.status(status, "velib"));
        }
        producer.flush();
        StationMetadata csvOnly = new StationMetadata(GroupBy.POSTCODE, "unknown", MetadataCsv.read(VelibSeries.CSV));
        Map<String, GroupTotals> withoutCapacities = FreshTotals.of(last, csvOnly);
        awaitTotals(p.totals(), withoutCapacities);
        assertEquals(0, withoutCapacities.values().stream().mapToLong(GroupTotals::capacity).sum());

        connect.kafka().createTopic(p.information(), 1, 1, Map.of("cleanup.policy", "compact"));
        for (StationInformation info : VelibSeries.information()) {
            send(p.information(), info.key(), StationSchemas.INFORMATION, StationRecords.information(info, "velib"));
        }
        producer.flush();
        awaitTotals(p.totals(), FreshTotals.of(last, METADATA));
    }

    @Test
    @Order(5)
    void workerRunningTheTaskStoppedMidSeries() throws Exception {
        Pipeline p = pipeline("failover");
        startAggregator(p, Map.of());
        for (int i = 0; i < 6; i++) {
            publish(p, i);
        }
        awaitTotals(p.totals(), expectedAfter(5));
        publish(p, 6);
        WorkerHandle running = workerOf(p.connector());
        connect.removeWorker(running);
        for (int i = 7; i < SNAPSHOTS.size(); i++) {
            publish(p, i);
        }
        TestUtils.waitForCondition(() -> !running.equals(workerOfOrNull(p.connector())), TIMEOUT_MS,
                "task never moved off the stopped worker");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(p.connector(), 1, "task not running again");
        awaitTotals(p.totals(), expectedAfter(SNAPSHOTS.size() - 1));
        assertEquals(1486L, taskMetrics(p.connector()).get("stations-restored"), "restored, not rebuilt");
    }

    private static WorkerHandle workerOf(String connector) {
        WorkerHandle worker = workerOfOrNull(connector);
        assertTrue(worker != null, "no worker runs the task of " + connector);
        return worker;
    }

    private static WorkerHandle workerOfOrNull(String connector) {
        ConnectorStateInfo status = connect.connectorStatus(connector);
        if (status.tasks().isEmpty() || !"RUNNING".equals(status.tasks().get(0).state())) {
            return null;
        }
        String workerId = status.tasks().get(0).workerId();
        return connect.workers().stream()
                .filter(w -> workerId.equals(w.url().getHost() + ":" + w.url().getPort()))
                .findFirst().orElse(null);
    }
}

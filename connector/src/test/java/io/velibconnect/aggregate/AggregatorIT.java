package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.velibconnect.aggregate.metadata.StationMetadata;
import io.velibconnect.gbfs.StationInformation;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.source.StationRecords;
import io.velibconnect.records.StationSchemas;
import io.velibconnect.testing.BuiltFeeds;
import io.velibconnect.testing.RecordedVelibServer;
import io.velibconnect.testing.TestData;
import org.apache.kafka.clients.admin.Admin;
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
 * recorded 2024-12-15 series served snapshot by snapshot over local HTTP: after the last snapshot the totals topic
 * (latest per key) equals a fresh computation from that snapshot joined with the Vélib' metadata CSV, field for
 * field — straight, after a restart mid-series, after losing the state topic, and after the worker running the
 * task is stopped mid-series. Also: station information that arrives only after the task started (its topic
 * created later) still reaches the totals, and stations that leave the feed leave their groups (an emptied group
 * is deleted) and stay gone after a restart. A record that is no station status fails the task
 * with {@code errors.tolerance=none} (Connect's default), naming the record, and is skipped with {@code all}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AggregatorIT {

    private static final long TIMEOUT_MS = 60_000;
    private static EmbeddedConnectCluster connect;
    private static KafkaProducer<byte[], byte[]> producer;
    private static final JsonConverter JSON = new JsonConverter();
    private static final List<RecordedVelibServer> FEEDS = new java.util.ArrayList<>();

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
        FEEDS.forEach(RecordedVelibServer::close);
        if (producer != null) {
            producer.close();
        }
        if (connect != null) {
            connect.stop();
        }
    }

    /** A pipeline with its source connector running and polling the first snapshot. */
    private static SeriesPipeline pipeline(String name) throws InterruptedException {
        SeriesPipeline p = SeriesPipeline.create(name, connect.kafka());
        FEEDS.add(p.feed());
        connect.configureConnector(p.source(), p.sourceConfig());
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(p.source(), 1, "source not running");
        return p;
    }

    private static void startAggregator(SeriesPipeline p, Map<String, String> extra) throws InterruptedException {
        Map<String, String> config = p.aggregatorConfig();
        config.putAll(extra);
        connect.configureConnector(p.connector(), config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(p.connector(), 1, "aggregator not running");
    }

    private static void send(String topic, String key, Schema schema, Object value) {
        byte[] bytes = value == null ? null : JSON.fromConnectData(topic, schema, value);
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), bytes));
    }

    @Test
    @Order(1)
    void seriesGivesTheFreshTotalsOfTheLastSnapshotAndBadRecordsGoToTheDeadLetterQueue() throws Exception {
        SeriesPipeline p = pipeline("straight");
        startAggregator(p, Map.of(
                "errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", p.name() + "-dlq",
                "errors.deadletterqueue.topic.replication.factor", "1"));
        for (int i = 0; i < SeriesPipeline.SNAPSHOTS.size(); i++) {
            p.publish(i);
            if (i == 5) {
                publishBadRecords(p);
            }
        }
        Map<String, GroupTotals> expected = SeriesPipeline.expectedAfter(SeriesPipeline.LAST);
        TotalsTable.await(connect.kafka(), p.totals(), expected);
        assertEquals(86, expected.size(), "the 85 postcodes of the CSV + the unknown group");

        assertEquals(3, connect.kafka().consume(3, TIMEOUT_MS, p.name() + "-dlq").count());
        Map<String, Long> metrics = TaskMetrics.of(p.connector());
        assertEquals(3L, metrics.get("bad-records"));
        assertTrue(metrics.get("records-in") > 1486 + 3, "the source sends changed stations only");
        assertEquals(1486L, metrics.get("state-size"));
        assertEquals(40L, metrics.get("unknown-stations"));
    }

    /** A value that is no station (a tombstone is not bad: it removes one), a mistyped count, no last_updated. */
    private static void publishBadRecords(SeriesPipeline p) {
        send(p.status(), "16107", Schema.STRING_SCHEMA, "not a station");
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

    @Test
    @Order(2)
    void restartMidSeries() throws Exception {
        SeriesPipeline p = pipeline("restart");
        startAggregator(p, Map.of());
        for (int i = 0; i < 6; i++) {
            p.publish(i);
        }
        TotalsTable.await(connect.kafka(), p.totals(), SeriesPipeline.expectedAfter(5));
        p.publish(6);
        p.publish(7);
        connect.restartConnectorAndTasks(p.connector(), false, true, false);
        for (int i = 8; i < SeriesPipeline.SNAPSHOTS.size(); i++) {
            p.publish(i);
        }
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(p.connector(), 1, "not running again");
        TotalsTable.await(connect.kafka(), p.totals(), SeriesPipeline.expectedAfter(SeriesPipeline.LAST));
        Map<String, Long> metrics = TaskMetrics.of(p.connector());
        assertEquals(1486L, metrics.get("stations-restored"), "restored, not rebuilt");
        assertEquals(40L, metrics.get("unknown-stations"), "counted from the restored state too");
    }

    @Test
    @Order(3)
    void stateTopicDeletedThenRebuiltFromTheInputTopic() throws Exception {
        SeriesPipeline p = pipeline("rebuild");
        startAggregator(p, Map.of());
        for (int i = 0; i < SeriesPipeline.SNAPSHOTS.size(); i++) {
            p.publish(i);
        }
        Map<String, GroupTotals> expected = SeriesPipeline.expectedAfter(SeriesPipeline.LAST);
        TotalsTable.await(connect.kafka(), p.totals(), expected);

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
        TotalsTable.await(connect.kafka(), p.totals(), expected);
        assertEquals(0L, TaskMetrics.of(p.connector()).get("stations-restored"), "nothing to restore: rebuilt");
    }

    @Test
    @Order(4)
    void informationTopicCreatedAfterTheTaskStartedStillReachesTheTotals() throws Exception {
        SeriesPipeline p = new SeriesPipeline("late-metadata", null, connect.kafka().bootstrapServers());
        connect.kafka().createTopic(p.status(), 1);
        connect.kafka().createTopic(p.totals(), 1);
        startAggregator(p, Map.of());
        List<StationStatus> last = VelibSeries.lastStatus();
        for (StationStatus status : last) {
            send(p.status(), status.key(), StationSchemas.STATUS, StationRecords.status(status, VelibSeries.SYSTEM));
        }
        producer.flush();
        StationMetadata csvOnly = VelibSeries.csvOnly();
        Map<String, GroupTotals> withoutCapacities = FreshTotals.of(VelibSeries.SYSTEM, last, csvOnly);
        TotalsTable.await(connect.kafka(), p.totals(), withoutCapacities);
        assertEquals(0, withoutCapacities.values().stream().mapToLong(GroupTotals::capacity).sum());

        connect.kafka().createTopic(p.information(), 1, 1, Map.of("cleanup.policy", "compact"));
        for (StationInformation info : VelibSeries.information()) {
            send(p.information(), info.key(), StationSchemas.INFORMATION, StationRecords.information(info, VelibSeries.SYSTEM));
        }
        producer.flush();
        TotalsTable.await(connect.kafka(), p.totals(), FreshTotals.of(VelibSeries.SYSTEM, last, SeriesPipeline.METADATA));
    }

    @Test
    @Order(5)
    void workerRunningTheTaskStoppedMidSeries() throws Exception {
        SeriesPipeline p = pipeline("failover");
        startAggregator(p, Map.of());
        for (int i = 0; i < 6; i++) {
            p.publish(i);
        }
        TotalsTable.await(connect.kafka(), p.totals(), SeriesPipeline.expectedAfter(5));
        p.publish(6);
        WorkerHandle running = workerOf(p.connector());
        connect.removeWorker(running);
        for (int i = 7; i < SeriesPipeline.SNAPSHOTS.size(); i++) {
            p.publish(i);
        }
        TestUtils.waitForCondition(() -> !running.equals(workerOfOrNull(p.connector())), TIMEOUT_MS,
                "task never moved off the stopped worker");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(p.connector(), 1, "task not running again");
        TotalsTable.await(connect.kafka(), p.totals(), SeriesPipeline.expectedAfter(SeriesPipeline.LAST));
        Map<String, Long> metrics = TaskMetrics.of(p.connector());
        assertEquals(1486L, metrics.get("stations-restored"), "restored, not rebuilt");
        assertEquals(40L, metrics.get("unknown-stations"), "counted from the restored state too");
    }

    @Test
    @Order(6)
    void stationsLeavingTheFeedLeaveTheirGroupsAndStayGoneAfterARestart() throws Exception {
        SeriesPipeline p = pipeline("vanish");
        startAggregator(p, Map.of());
        p.publish(1);
        Path snapshot = SeriesPipeline.SNAPSHOTS.get(2);
        Map<String, List<StationStatus>> byGroup = VelibSeries.status(snapshot).stream().collect(Collectors.groupingBy(
                s -> SeriesPipeline.METADATA.of(VelibSeries.SYSTEM, s.stationId(), s.stationCode()).group()));
        String emptied = byGroup.keySet().stream().filter(g -> !g.equals("unknown"))
                .min(Comparator.comparing((String g) -> byGroup.get(g).size()).thenComparing(g -> g)).orElseThrow();
        Set<String> gone = new HashSet<>(Set.of("16107", "32017"));
        byGroup.get(emptied).forEach(s -> gone.add(s.key()));
        List<StationStatus> remaining = VelibSeries.status(snapshot).stream().filter(s -> !gone.contains(s.key()))
                .toList();

        p.feed().serveAndAwaitPoll(BuiltFeeds.velibWithoutStations(TestData.bytes(snapshot), gone, 0),
                snapshot.getFileName() + " without " + gone);
        Map<String, GroupTotals> expected = FreshTotals.of(VelibSeries.SYSTEM, remaining, SeriesPipeline.METADATA);
        assertTrue(!expected.containsKey(emptied), emptied + " has no station left: a tombstone");
        TotalsTable.await(connect.kafka(), p.totals(), expected);

        connect.restartConnectorAndTasks(p.connector(), false, true, false);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(p.connector(), 1, "not running again");
        TestUtils.waitForCondition(() -> Long.valueOf(remaining.size()).equals(
                TaskMetrics.of(p.connector()).get("stations-restored")), TIMEOUT_MS, "the removed stations came back");
        TotalsTable.await(connect.kafka(), p.totals(), expected);
    }

    @Test
    @Order(7)
    void badRecordFailsTheTaskWithToleranceNoneAndIsSkippedWithAll() throws Exception {
        // none with no reporter (Connect's defaults), none with Connect's error log (a reporter that refuses),
        // all with neither (no reporter either: the task alone decides)
        Map<String, Map<String, String>> variants = Map.of(
                "none-default", Map.of(),
                "none-logged", Map.of("errors.log.enable", "true"),
                "all-unreported", Map.of("errors.tolerance", "all"));
        List<StationStatus> last = VelibSeries.lastStatus();
        Map<String, SeriesPipeline> pipelines = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> variant : variants.entrySet()) {
            SeriesPipeline p = new SeriesPipeline(variant.getKey(), null, connect.kafka().bootstrapServers());
            connect.kafka().createTopic(p.status(), 1);
            connect.kafka().createTopic(p.totals(), 1);
            startAggregator(p, variant.getValue());
            for (StationStatus status : last) {
                send(p.status(), status.key(), StationSchemas.STATUS, StationRecords.status(status, VelibSeries.SYSTEM));
            }
            send(p.status(), "16107", Schema.STRING_SCHEMA, "not a station");
            pipelines.put(variant.getKey(), p);
        }
        producer.flush();

        for (String none : List.of("none-default", "none-logged")) {
            SeriesPipeline p = pipelines.get(none);
            connect.assertions().assertConnectorIsRunningAndTasksHaveFailed(p.connector(), 1, none + " did not fail");
            String trace = connect.connectorStatus(p.connector()).tasks().get(0).trace();
            assertTrue(trace.contains("Bad status record of station 16107 at " + p.status() + "-0 offset "
                    + last.size() + ": value is a String, expected a Struct or a map"), none + ": " + trace);
        }
        SeriesPipeline all = pipelines.get("all-unreported");
        StationMetadata csvOnly = VelibSeries.csvOnly();
        TotalsTable.await(connect.kafka(), all.totals(), FreshTotals.of(VelibSeries.SYSTEM, last, csvOnly));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(all.connector(), 1, "all: not running");
        assertEquals(1L, TaskMetrics.of(all.connector()).get("bad-records"));
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

package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.velibconnect.aggregate.metadata.MetadataCsv;
import io.velibconnect.aggregate.metadata.StationMetadata;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.records.StationKey;
import io.velibconnect.records.StationSchemas;
import io.velibconnect.records.SystemPartitioner;
import io.velibconnect.records.SystemScopedKey;
import io.velibconnect.source.StationRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The aggregator with two tasks (group.key=system-group) over an input topic of three partitions, written as a
 * source with station.key=system-code and SystemPartitioner writes it: Vélib' (its recorded series), Bicing, Bixi
 * and Vélospot, whose station ids collide, each system in one partition and every partition holding one. The
 * series is applied while a worker running a task is stopped (its partitions move to the other task, then are
 * split again when the task restarts on the remaining worker) and while the connector restarts. At the end every
 * (system, postcode) total equals a fresh computation from the last snapshots; along the way every total written
 * for a group equals the fresh total after some prefix of that group's records (two tasks counting parts of one
 * group would write others), and the tasks together hold every (system, station) exactly once.
 */
class AggregatorScaleOutIT {

    private static final long TIMEOUT_MS = 60_000;
    private static final int PARTITIONS = 3;
    private static final String CONNECTOR = "scale-aggregator";
    private static final String STATUS = "scale-status";
    private static final String TOTALS = "scale-totals";
    /** The CSV (Vélib's) alone, no information topic: what the expected totals use. */
    private static final StationMetadata METADATA = csvMetadata();
    /** The other systems, sent once with the first snapshot; each forms one group, its unknown one. */
    private static final List<OtherSystems> OTHERS = List.of(OtherSystems.values());

    private EmbeddedConnectCluster connect;
    /** Joined the group second, so not its leader: its departure is what the leader delays reassigning. */
    private WorkerHandle follower;
    private KafkaProducer<byte[], byte[]> producer;
    private final JsonConverter json = new JsonConverter();
    /** Per group, every total a correct aggregator may write for it: the totals after each of its records. */
    private final Map<String, Set<GroupTotals>> prefixTotals = new HashMap<>();
    private final Map<String, Map<String, StationStatus>> latest = new HashMap<>();

    private static StationMetadata csvMetadata() {
        try {
            return new StationMetadata(new Grouping(GroupBy.POSTCODE, GroupKey.SYSTEM_GROUP, 8, "unknown"),
                    MetadataCsv.read(VelibSeries.CSV), VelibSeries.SYSTEM);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeEach
    void startCluster() {
        Map<String, String> worker = new HashMap<>();
        worker.put("offset.flush.interval.ms", "500");
        // the tasks of a departed worker are reassigned after this delay: long enough to see the remaining task
        // own every partition meanwhile
        worker.put("scheduled.rebalance.max.delay.ms", "10000");
        worker.put("key.converter", StringConverter.class.getName());
        worker.put("value.converter", JsonConverter.class.getName());
        worker.put("value.converter.schemas.enable", "true");
        connect = new EmbeddedConnectCluster.Builder().name("aggregator-scale-it").numWorkers(1).numBrokers(1)
                .workerProps(worker).build();
        connect.start();
        follower = connect.addWorker();
        producer = connect.kafka().createProducer(Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG,
                SystemPartitioner.class.getName()));
        json.configure(Map.of("schemas.enable", "true"), false);
        connect.kafka().createTopic(STATUS, PARTITIONS);
        connect.kafka().createTopic(TOTALS, 1);
    }

    @AfterEach
    void stopCluster() {
        if (producer != null) {
            producer.close();
        }
        if (connect != null) {
            connect.stop();
        }
    }

    /** The partition the producer's SystemPartitioner sends a system's records to. */
    private static int partitionOf(String systemId) {
        return SystemPartitioner.partition(SystemScopedKey.of(systemId, "").getBytes(StandardCharsets.UTF_8),
                PARTITIONS);
    }

    /** Sends Vélib's snapshot (and with the first one the other systems), noting the totals each record makes. */
    private void publish(int snapshot) {
        send(VelibSeries.SYSTEM, VelibSeries.status(SeriesPipeline.SNAPSHOTS.get(snapshot)));
        if (snapshot == 0) {
            OTHERS.forEach(system -> send(system.systemId, system.status()));
        }
        producer.flush();
    }

    private void send(String systemId, List<StationStatus> statuses) {
        for (StationStatus s : statuses) {
            byte[] value = json.fromConnectData(STATUS, StationSchemas.STATUS, StationRecords.status(s, systemId));
            String key = StationKey.SYSTEM_CODE.recordKey(systemId, s.key());
            producer.send(new ProducerRecord<>(STATUS, key.getBytes(StandardCharsets.UTF_8), value));
            String group = METADATA.of(systemId, s.stationId(), s.stationCode()).group();
            Map<String, StationStatus> stations = latest.computeIfAbsent(group, g -> new LinkedHashMap<>());
            stations.put(s.stationId(), s);
            prefixTotals.computeIfAbsent(group, g -> new HashSet<>())
                    .add(FreshTotals.of(systemId, new ArrayList<>(stations.values()), METADATA).get(group));
        }
    }

    private Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", VelibAggregatorConnector.class.getName());
        config.put("tasks.max", "2");
        config.put("topics", STATUS);
        config.put(AggregatorConfig.OUTPUT_TOPIC, TOTALS);
        config.put(AggregatorConfig.METADATA_TOPIC, "");
        config.put(AggregatorConfig.GROUP_KEY, GroupKey.SYSTEM_GROUP.configValue());
        config.put(AggregatorConfig.METADATA_CSV, VelibSeries.CSV.toString());
        config.put(AggregatorConfig.METADATA_CSV_SYSTEM, VelibSeries.SYSTEM);
        config.put(AggregatorConfig.BOOTSTRAP_SERVERS, connect.kafka().bootstrapServers());
        return config;
    }

    private Map<String, GroupTotals> expectedAfter(int snapshot) {
        Map<String, GroupTotals> expected = new TreeMap<>(FreshTotals.of(VelibSeries.SYSTEM,
                VelibSeries.status(SeriesPipeline.SNAPSHOTS.get(snapshot)), METADATA));
        OTHERS.forEach(system -> expected.putAll(FreshTotals.of(system.systemId, system.status(), METADATA)));
        return expected;
    }

    private long stateSize(int task) {
        return metric(task, "state-size");
    }

    /** The task's metric, or -1 while the task has none registered. */
    private static long metric(int task, String name) {
        try {
            return TaskMetrics.of(CONNECTOR, task).get(name);
        } catch (AssertionError | javax.management.JMException notRegistered) {
            return -1;
        }
    }

    @Test
    void totalsStayExactWhileAWorkerLeavesAndTheConnectorRestarts() throws Exception {
        Set<Integer> used = new TreeSet<>();
        used.add(partitionOf(VelibSeries.SYSTEM));
        OTHERS.forEach(system -> used.add(partitionOf(system.systemId)));
        assertEquals(PARTITIONS, used.size(), "every input partition holds a system");

        connect.configureConnector(CONNECTOR, config());
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "two tasks not running");
        for (int i = 0; i < 6; i++) {
            publish(i);
        }
        TotalsTable.await(connect.kafka(), TOTALS, expectedAfter(5));
        awaitStationsSplit();

        assertNotEquals(workerIdOf(0), workerIdOf(1), "each worker runs one task");
        String stopped = idOf(follower);
        int moved = stopped.equals(workerIdOf(0)) ? 0 : 1;
        int staying = 1 - moved;
        connect.removeWorker(follower);
        publish(6);
        publish(7);
        long sent = stationsSent();
        TestUtils.waitForCondition(() -> stateSize(staying) == sent, TIMEOUT_MS,
                "task " + staying + " never took over the partitions of the stopped worker's task");
        TotalsTable.await(connect.kafka(), TOTALS, expectedAfter(7));

        // the status topic still says RUNNING for the moved task on the stopped worker until it is reassigned
        TestUtils.waitForCondition(() -> runningElsewhere(moved, stopped), TIMEOUT_MS,
                "task " + moved + " never restarted on the remaining worker");
        awaitStationsSplit();
        publish(8);
        publish(9);
        connect.restartConnectorAndTasks(CONNECTOR, false, true, false);
        publish(10);
        publish(11);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "not running again");
        TotalsTable.await(connect.kafka(), TOTALS, expectedAfter(SeriesPipeline.LAST));
        awaitStationsSplit();
        long all = stationsSent();
        TestUtils.waitForCondition(() -> metric(0, "stations-restored") + metric(1, "stations-restored") == all,
                TIMEOUT_MS, () -> "each task's last restore read its own stations: " + metric(0, "stations-restored")
                        + " + " + metric(1, "stations-restored") + ", not " + all);

        Map<String, List<GroupTotals>> unexplained = new TreeMap<>();
        Set<String> counted = new HashSet<>();
        int written = 0;
        for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consumeAll(10_000, TOTALS)) {
            written++;
            String group = new String(record.key(), StandardCharsets.UTF_8);
            GroupTotals totals = new TotalsTable().add(List.of(record)).table().get(group);
            // a tombstone is the empty prefix's totals, so it is explained before the group's first total only: a
            // task writes its system's unknown group again when a station is new to it (where an owner without
            // the station's metadata would have counted it), before it has applied any station of that group
            boolean explained = totals == null ? !counted.contains(group)
                    : prefixTotals.getOrDefault(group, Set.of()).contains(totals);
            if (totals != null) {
                counted.add(group);
            }
            if (!explained) {
                unexplained.computeIfAbsent(group, g -> new ArrayList<>()).add(totals);
            }
        }
        assertTrue(written > expectedAfter(SeriesPipeline.LAST).size(), "totals written: " + written);
        assertEquals(Map.of(), unexplained, "totals no prefix of the group's records gives");
    }

    private long stationsSent() {
        return latest.values().stream().mapToLong(Map::size).sum();
    }

    /** Each task holds some stations, and together they hold each station sent once. */
    private void awaitStationsSplit() throws InterruptedException {
        long stations = stationsSent();
        TestUtils.waitForCondition(() -> stateSize(0) > 0 && stateSize(1) > 0
                && stateSize(0) + stateSize(1) == stations, TIMEOUT_MS,
                () -> "the tasks hold " + stateSize(0) + " + " + stateSize(1) + " stations, not " + stations);
    }

    private boolean runningElsewhere(int task, String stoppedWorker) {
        ConnectorStateInfo.TaskState state = taskState(task);
        return state != null && "RUNNING".equals(state.state()) && !stoppedWorker.equals(state.workerId());
    }

    private String workerIdOf(int task) {
        ConnectorStateInfo.TaskState state = taskState(task);
        assertTrue(state != null && "RUNNING".equals(state.state()), "task " + task + " not running: " + state);
        return state.workerId();
    }

    private ConnectorStateInfo.TaskState taskState(int task) {
        return connect.connectorStatus(CONNECTOR).tasks().stream().filter(t -> t.id() == task).findFirst()
                .orElse(null);
    }

    /** A running worker's id as task statuses name it (a stopped worker has no URL any more). */
    private static String idOf(WorkerHandle worker) {
        return worker.url().getHost() + ":" + worker.url().getPort();
    }
}

package io.velibconnect.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.velibconnect.it.WorldTotals.GroupTotals;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code config/world/} on a two-worker cluster running the unzipped Hub zip: the source POSTed from
 * {@code world-source.json} over a loopback systems.csv of four systems (Bicing; Bixi; a copy of Bixi under another
 * system_id, its station ids colliding with Bixi's and most with Bicing's; Bay Wheels with regions), and three
 * aggregators from {@code world-aggregator.json}, grouped by postcode, region and H3 cell, each over two tasks. Once
 * the first snapshots are aggregated a worker leaves, its tasks move to the other, and the second snapshots are
 * served. Every (system, group) total then equals a computation from the served files, the information topic holds
 * each station once, and each system's records lie in one partition of every topic.
 */
class WorldPipelineIT {

    private static final String SOURCE = "world-source";
    private static final String STATUS = "gbfs-status";
    private static final String INFORMATION = "gbfs-stations";
    private static final int PARTITIONS = 4;
    private static final List<String> GROUP_BYS = List.of("postcode", "region", "h3");
    private static final Duration PHASE = Duration.ofSeconds(120);
    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json");

    @TempDir
    Path work;

    private EmbeddedConnectCluster connect;
    private WorldFeeds feeds;
    private final Map<String, TopicTable> totalsByGroupBy = new LinkedHashMap<>();

    @AfterEach
    void stop() {
        totalsByGroupBy.values().forEach(TopicTable::close);
        if (connect != null) {
            connect.stop();
        }
        if (feeds != null) {
            feeds.close();
        }
    }

    @Test
    void everySystemsTotalsStayExactWhileAWorkerLeaves() throws Exception {
        feeds = new WorldFeeds();
        connect = new EmbeddedConnectCluster.Builder().name("world-it").numWorkers(1).numBrokers(1)
                .workerProps(workerProps(UnzippedPlugin.into(work.resolve("plugins")))).build();
        connect.start();
        connect.requestTimeout(30_000);
        // joins second, so it is not the leader, whose departure would delay every reassignment
        WorkerHandle follower = connect.addWorker();
        connect.assertions().assertAtLeastNumWorkersAreUp(2, "the second worker did not start");
        connect.kafka().createTopic(STATUS, PARTITIONS);
        connect.kafka().createTopic(INFORMATION, PARTITIONS, 1, Map.of("cleanup.policy", "compact"));

        post(ProjectFiles.restBody("world/world-source.json", Map.of(
                "gbfs.catalog", feeds.catalogUrl(),
                "tasks.max", "2",
                "poll.interval.ms", "1000",
                "topic.creation.default.partitions", Integer.toString(PARTITIONS))));
        Set<String> stations = new TreeSet<>();
        Set<String> statuses = new TreeSet<>();
        for (ServedSystem system : ServedSystem.values()) {
            String id = feeds.systemId(system);
            ServedSystem.stations(WorldTotals.tree(system.stationInformation()))
                    .forEach(s -> stations.add(WorldTotals.stationKey(id, s)));
            ServedSystem.stations(WorldTotals.tree(system.stationStatus(1)))
                    .forEach(s -> statuses.add(WorldTotals.stationKey(id, s)));
        }
        assertEquals(509 + 957 + 957 + 518, stations.size(), "the systems' stations, each once");
        // The aggregators start once every station's information is in: a task that counts a station before its
        // information reaches it writes the station's 'unknown' group, and when its partitions move before it
        // catches up, the new owner, which places the station elsewhere, never removes that group.
        try (TopicTable information = new TopicTable(connect.kafka().bootstrapServers(), INFORMATION)) {
            TestUtils.waitForCondition(() -> information.catchUp().latest().keySet().equals(stations),
                    PHASE.toMillis(), () -> "the information topic holds " + information.latest().size()
                            + " stations, not " + stations.size());
        }
        int h3Resolution = Integer.parseInt(ProjectFiles.connectorConfig(
                ProjectFiles.restBody("world/world-aggregator.json", Map.of())).get("h3.resolution"));
        for (String groupBy : GROUP_BYS) {
            String output = "gbfs-" + groupBy + "-totals";
            connect.kafka().createTopic(output, PARTITIONS);
            ObjectNode aggregator = ProjectFiles.restBody("world/world-aggregator.json", Map.of(
                    "group.by", groupBy,
                    "output.topic", output,
                    "state.topic", "world-aggregator-" + groupBy + "-state",
                    "bootstrap.servers", connect.kafka().bootstrapServers()));
            post(aggregator.put("name", aggregatorName(groupBy)));
            totalsByGroupBy.put(groupBy, new TopicTable(connect.kafka().bootstrapServers(), output));
        }
        for (String name : connectors()) {
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, name + " is not running");
        }

        awaitTotals(0, h3Resolution);

        String stopped = idOf(follower);
        assertTrue(connectors().stream().anyMatch(name -> tasksOf(name).stream()
                .anyMatch(t -> stopped.equals(t.workerId()))), "the leaving worker runs no task");
        connect.removeWorker(follower);
        // until reassigned, the status topic still says RUNNING on the stopped worker
        TestUtils.waitForCondition(() -> connectors().stream().allMatch(name -> tasksOf(name).size() == 2
                        && tasksOf(name).stream().allMatch(t -> "RUNNING".equals(t.state())
                        && !stopped.equals(t.workerId()))),
                PHASE.toMillis(), "the stopped worker's tasks never ran on the remaining worker");
        feeds.serveSnapshot(1);

        awaitTotals(1, h3Resolution);

        Set<String> systemIds = Arrays.stream(ServedSystem.values()).map(feeds::systemId).collect(Collectors.toSet());
        try (TopicTable information = new TopicTable(connect.kafka().bootstrapServers(), INFORMATION);
             TopicTable status = new TopicTable(connect.kafka().bootstrapServers(), STATUS)) {
            assertEquals(stations, information.catchUp().latest().keySet(), "one information record per station");
            assertEquals(statuses, status.catchUp().latest().keySet(), "the stations of the last snapshots");
            assertEquals(systemIds, information.systems());
            assertEquals(Map.of(), information.systemsSpread(), INFORMATION + ": systems in several partitions");
            assertEquals(Map.of(), status.systemsSpread(), STATUS + ": systems in several partitions");
        }
        totalsByGroupBy.forEach((groupBy, totals) -> {
            assertEquals(systemIds, totals.systems(), groupBy + " totals: systems");
            assertEquals(Map.of(), totals.systemsSpread(), groupBy + " totals: systems in several partitions");
        });
    }

    private static Map<String, String> workerProps(UnzippedPlugin plugin) throws IOException {
        Map<String, String> worker = new HashMap<>();
        Properties users = Utils.loadProps(ProjectFiles.config("connect-distributed.properties").toString());
        for (String key : List.of("key.converter", "value.converter", "value.converter.schemas.enable",
                "offset.flush.interval.ms")) {
            worker.put(key, users.getProperty(key));
        }
        worker.put("plugin.path", plugin.pluginPath().toString());
        worker.put("plugin.discovery", "service_load");
        // a departed worker's tasks are reassigned after this delay (default 5 minutes)
        worker.put("scheduled.rebalance.max.delay.ms", "2000");
        return worker;
    }

    /** Waits until every aggregator's totals are those of {@code snapshot}, then asserts them. */
    private void awaitTotals(int snapshot, int h3Resolution) throws InterruptedException {
        Map<String, Map<String, GroupTotals>> expected = new LinkedHashMap<>();
        GROUP_BYS.forEach(by -> expected.put(by, WorldTotals.expected(feeds, snapshot, by, h3Resolution)));
        long deadline = System.nanoTime() + PHASE.toNanos();
        while (!expected.equals(actualTotals()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        Map<String, Map<String, GroupTotals>> actual = actualTotals();
        Map<String, Map<String, List<GroupTotals>>> differences = new LinkedHashMap<>();
        for (String groupBy : GROUP_BYS) {
            Map<String, List<GroupTotals>> wrong = differences(expected.get(groupBy), actual.get(groupBy));
            if (!wrong.isEmpty()) {
                differences.put(groupBy, wrong);
            }
        }
        assertEquals(Map.of(), differences, "totals after snapshot " + snapshot + " by group.by, per key "
                + "[expected, written]");
    }

    private Map<String, Map<String, GroupTotals>> actualTotals() {
        Map<String, Map<String, GroupTotals>> actual = new LinkedHashMap<>();
        totalsByGroupBy.forEach((groupBy, table) -> {
            Map<String, GroupTotals> totals = new TreeMap<>();
            table.catchUp().latest().forEach((key, value) -> totals.put(key, GroupTotals.of(value)));
            actual.put(groupBy, totals);
        });
        return actual;
    }

    /** The keys whose totals differ, each with the expected and the written totals (null where absent). */
    private static Map<String, List<GroupTotals>> differences(Map<String, GroupTotals> expected,
                                                             Map<String, GroupTotals> actual) {
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        Map<String, List<GroupTotals>> differences = new TreeMap<>();
        for (String key : keys) {
            GroupTotals want = expected.get(key);
            GroupTotals got = actual.get(key);
            if (want == null || !want.equals(got)) {
                differences.put(key, Arrays.asList(want, got));
            }
        }
        return differences;
    }

    private static String aggregatorName(String groupBy) {
        return "world-aggregator-" + groupBy;
    }

    private static List<String> connectors() {
        List<String> names = new ArrayList<>(List.of(SOURCE));
        GROUP_BYS.forEach(by -> names.add(aggregatorName(by)));
        return names;
    }

    private List<ConnectorStateInfo.TaskState> tasksOf(String connector) {
        try {
            return connect.connectorStatus(connector).tasks();
        } catch (RuntimeException notAnsweringYet) {
            return List.of();
        }
    }

    private void post(ObjectNode body) {
        Response response = connect.requestPost(connect.endpointForResource("connectors"), body.toString(),
                JSON_HEADERS);
        assertEquals(201, response.getStatus(), () -> response.getEntity().toString());
    }

    /** A running worker's id as task statuses name it (a stopped worker has no URL any more). */
    private static String idOf(WorkerHandle worker) {
        return worker.url().getHost() + ":" + worker.url().getPort();
    }
}

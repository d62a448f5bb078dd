package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.velibconnect.gbfs.StationInformation;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.records.StationKey;
import io.velibconnect.records.StationSchemas;
import io.velibconnect.records.SystemScopedKey;
import io.velibconnect.records.SystemScopedKeys;
import io.velibconnect.source.StationRecords;
import io.velibconnect.testing.ForkedConnectWorker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bicing, Bixi and Vélospot (whose station ids collide) in one status topic and one information topic, as a
 * source with station.key=system-code writes them, aggregated with group.key=system-group in a real Connect
 * cluster: every (system, region) and every (system, H3 cell) total equals a fresh computation from the recorded
 * files, and each system's totals are in one partition of the totals topic. With group.key=group a record of a
 * second system fails the task (errors.tolerance=none), saying what to set. Stations counted in the unknown group
 * before their information arrived leave no unknown total behind once the next task places them.
 */
class SystemGroupsIT {

    private static final long TIMEOUT_MS = 60_000;
    private static EmbeddedConnectCluster connect;
    private static KafkaProducer<byte[], byte[]> producer;
    private static final JsonConverter JSON = new JsonConverter();
    private static final String BIXI_UNKNOWN = SystemScopedKey.of(OtherSystems.BIXI.systemId, "unknown");

    @BeforeAll
    static void startCluster() {
        Map<String, String> worker = new HashMap<>();
        worker.put("offset.flush.interval.ms", "500");
        worker.put("key.converter", StringConverter.class.getName());
        worker.put("value.converter", JsonConverter.class.getName());
        worker.put("value.converter.schemas.enable", "true");
        connect = new EmbeddedConnectCluster.Builder().name("system-groups-it").numWorkers(1).numBrokers(1)
                .workerProps(worker).build();
        connect.start();
        producer = connect.kafka().createProducer(Map.of());
        JSON.configure(Map.of("schemas.enable", "true"), false);
    }

    @AfterAll
    static void stopCluster() {
        if (producer != null) {
            producer.close();
        }
        if (connect != null) {
            connect.stop();
        }
    }

    private static void send(String topic, String key, Schema schema, Object value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                JSON.fromConnectData(topic, schema, value)));
    }

    private static Map<String, String> aggregator(String name, GroupBy by, GroupKey key) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", VelibAggregatorConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", name + "-status");
        config.put(AggregatorConfig.OUTPUT_TOPIC, name + "-totals");
        config.put(AggregatorConfig.METADATA_TOPIC, name + "-stations");
        config.put(AggregatorConfig.GROUP_BY, by.configValue());
        config.put(AggregatorConfig.GROUP_KEY, key.configValue());
        config.put(AggregatorConfig.BOOTSTRAP_SERVERS, connect.kafka().bootstrapServers());
        return config;
    }

    private static void sendStatus(String topic, OtherSystems system) {
        for (StationStatus s : system.status()) {
            send(topic, StationKey.SYSTEM_CODE.recordKey(system.systemId, s.key()), StationSchemas.STATUS,
                    StationRecords.status(s, system.systemId));
        }
    }

    @Test
    void groupModeFailsTheTaskAtASecondSystemSayingWhatToSet() throws Exception {
        String name = "one-system";
        connect.kafka().createTopic(name + "-status", 1);
        connect.kafka().createTopic(name + "-totals", 1);
        connect.configureConnector(name, aggregator(name, GroupBy.POSTCODE, GroupKey.GROUP));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "aggregator not running");
        sendStatus(name + "-status", OtherSystems.BICING);
        sendStatus(name + "-status", OtherSystems.BIXI);
        producer.flush();

        connect.assertions().assertConnectorIsRunningAndTasksHaveFailed(name, 1, "the task did not fail");
        String trace = connect.connectorStatus(name).tasks().get(0).trace();
        int offset = OtherSystems.BICING.status().size();
        assertTrue(trace.contains("Bad status record of station 1 at " + name + "-status-0 offset " + offset
                + ": system_id 'Bixi_MTL', but this task counts system 'bicing'"), trace);
        assertTrue(trace.contains("set group.key=system-group"), trace);
        connect.deleteConnector(name);
    }

    @ParameterizedTest
    @EnumSource(value = GroupBy.class, names = {"REGION", "H3"})
    void everySystemsGroupsEqualAFreshComputation(GroupBy by) throws Exception {
        String name = "systems-" + by.configValue();
        String status = name + "-status";
        String information = name + "-stations";
        String totals = name + "-totals";
        connect.kafka().createTopic(status, 2);
        connect.kafka().createTopic(information, 1, 1, Map.of("cleanup.policy", "compact"));
        connect.kafka().createTopic(totals, 3);
        for (OtherSystems system : OtherSystems.values()) {
            for (StationInformation info : system.information()) {
                send(information, StationKey.SYSTEM_CODE.recordKey(system.systemId, info.key()),
                        StationSchemas.INFORMATION, StationRecords.information(info, system.systemId));
            }
        }
        producer.flush();

        connect.configureConnector(name, aggregator(name, by, GroupKey.SYSTEM_GROUP));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "aggregator not running");

        for (OtherSystems system : OtherSystems.values()) {
            sendStatus(status, system);
        }
        producer.flush();

        TotalsTable.await(connect.kafka(), totals, SystemGroupingTest.fresh(by));
        Map<String, Set<Integer>> partitions = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consumeAll(TIMEOUT_MS, totals)) {
            String system = SystemScopedKeys.systemOf(new String(record.key(), StandardCharsets.UTF_8));
            partitions.computeIfAbsent(system, s -> new TreeSet<>()).add(record.partition());
        }
        assertEquals(Set.of("Bixi_MTL", "bicing", "velospot"), partitions.keySet());
        partitions.forEach((system, used) -> assertEquals(1, used.size(), system + " totals in partitions " + used));
        connect.deleteConnector(name);
    }

    @Test
    void stationsCountedBeforeTheirInformationLeaveNoUnknownTotalOnceTheNextTaskPlacesThem() throws Exception {
        String name = "late-information";
        Map<String, GroupTotals> expected = bixiInItsCells();
        assertFalse(expected.containsKey(BIXI_UNKNOWN), "every Bixi station has information");
        createTopics(name);
        countBixiInUnknown(name, name);

        // the task commits the stations' entries; the information arrives while no task runs, and the next task
        // restores the stations into their cells
        TestUtils.waitForCondition(() -> connect.kafka().consumeAll(10_000, name + "-state").count()
                >= OtherSystems.BIXI.status().size(), TIMEOUT_MS, "the changelog never held every station");
        connect.stopConnector(name);
        connect.assertions().assertConnectorIsStopped(name, "aggregator not stopped");
        sendBixiInformation(name + "-stations", 0);
        connect.resumeConnector(name);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "aggregator not resumed");

        TotalsTable.await(connect.kafka(), name + "-totals", expected);
        connect.deleteConnector(name);
    }

    /**
     * The state an owner kept is lost (its state topic deleted, or its task killed before writing any changelog
     * entry): the next owner, whose metadata places every station, still clears the unknown total it left.
     */
    @Test
    void stationsCountedInTheUnknownGroupByAnOwnerWhoseStateIsLostLeaveNoUnknownTotal() throws Exception {
        String name = "lost-state";
        createTopics(name);
        String before = name + "-before";
        countBixiInUnknown(name, before);
        connect.deleteConnector(before);
        connect.assertions().assertConnectorDoesNotExist(before, "aggregator not deleted");

        sendBixiInformation(name + "-stations", 0);
        // another name: a state topic and a consumer group of its own, so nothing of the first owner is restored
        String after = name + "-after";
        connect.configureConnector(after, aggregator(name, GroupBy.H3, GroupKey.SYSTEM_GROUP));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(after, 1, "aggregator not running");

        TotalsTable.await(connect.kafka(), name + "-totals", bixiInItsCells());
        connect.deleteConnector(after);
    }

    /**
     * An owner killed (SIGKILL) before its first commit has published Bixi's stations in the cells their information
     * gave, 1° north of the real ones, then moved them 1° further (Bixi spans less than 1°: no cell is shared); the
     * information is corrected while no task runs. The next owner, placing every station in its real cell, leaves
     * none of those cells behind: the entry of a station new to a task, or moved, is written before the first
     * totals counting it there, so the killed owner left entries naming the cells.
     */
    @Test
    void stationsPublishedByAnOwnerKilledBeforeItsFirstCommitLeaveNoStaleGroupOnceTheirInformationChanged()
            throws Exception {
        String name = "killed-owner";
        createTopics(name);
        sendBixiInformation(name + "-stations", 1);
        Map<String, String> worker = new HashMap<>(ForkedConnectWorker.clusterProps(name + "-workers"));
        worker.put("bootstrap.servers", connect.kafka().bootstrapServers());
        // the owner never commits: neither its input offsets nor the entries written at commit time exist
        worker.put("offset.flush.interval.ms", "3600000");
        Path dir = Path.of("target", name);
        try (ForkedConnectWorker first = ForkedConnectWorker.start(worker, dir.resolve("first"))) {
            connect.requestPut(first.url() + "/connectors/" + name + "/config",
                    new ObjectMapper().writeValueAsString(aggregator(name, GroupBy.H3, GroupKey.SYSTEM_GROUP)));
            sendStatus(name + "-status", OtherSystems.BIXI);
            producer.flush();
            Set<String> north = awaitBixiCountedOutside(name, Set.of(), null);
            sendBixiInformation(name + "-stations", 2);
            awaitBixiCountedOutside(name, north, name + "-status");
            first.kill();
        }
        sendBixiInformation(name + "-stations", 0);
        try (ForkedConnectWorker next = ForkedConnectWorker.start(worker, dir.resolve("next"))) {
            TotalsTable.await(connect.kafka(), name + "-totals", bixiInItsCells());
        }
    }

    /**
     * Waits until the totals count every Bixi station, none in unknown nor in {@code left}; returns their groups.
     * With {@code nudge} (the status topic), sends a Bixi status again meanwhile: a task that never commits is
     * otherwise put() no records, and reads no metadata, until its hour-long commit interval ends.
     */
    private static Set<String> awaitBixiCountedOutside(String name, Set<String> left, String nudge)
            throws InterruptedException {
        int stations = OtherSystems.BIXI.status().size();
        Set<String> groups = new TreeSet<>();
        TestUtils.waitForCondition(() -> {
            if (nudge != null) {
                StationStatus again = OtherSystems.BIXI.status().get(0);
                send(nudge, StationKey.SYSTEM_CODE.recordKey(OtherSystems.BIXI.systemId, again.key()),
                        StationSchemas.STATUS, StationRecords.status(again, OtherSystems.BIXI.systemId));
                producer.flush();
            }
            Map<String, GroupTotals> counted = new TotalsTable()
                    .add(connect.kafka().consumeAll(10_000, name + "-totals")).table();
            groups.clear();
            groups.addAll(counted.keySet());
            return !counted.containsKey(BIXI_UNKNOWN) && counted.keySet().stream().noneMatch(left::contains)
                    && counted.values().stream().mapToInt(GroupTotals::stations).sum() == stations;
        }, TIMEOUT_MS, "Bixi's stations were never all counted outside unknown and the " + left.size()
                + " groups they left");
        return groups;
    }

    private static Map<String, GroupTotals> bixiInItsCells() {
        OtherSystems bixi = OtherSystems.BIXI;
        return FreshTotals.of(bixi.systemId, bixi.status(), OtherSystems.reference(GroupBy.H3, 8, List.of(bixi)));
    }

    private static void createTopics(String name) {
        connect.kafka().createTopic(name + "-status", 1);
        connect.kafka().createTopic(name + "-stations", 1, 1, Map.of("cleanup.policy", "compact"));
        connect.kafka().createTopic(name + "-totals", 1);
    }

    /** Starts an aggregator by H3 over the topics of {@code name}, before any information: Bixi in unknown. */
    private static void countBixiInUnknown(String name, String connector) throws InterruptedException {
        connect.configureConnector(connector, aggregator(name, GroupBy.H3, GroupKey.SYSTEM_GROUP));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1, "aggregator not running");
        sendStatus(name + "-status", OtherSystems.BIXI);
        producer.flush();
        int stations = OtherSystems.BIXI.status().size();
        TestUtils.waitForCondition(() -> {
            GroupTotals counted = new TotalsTable().add(connect.kafka().consumeAll(10_000, name + "-totals"))
                    .table().get(BIXI_UNKNOWN);
            return counted != null && counted.stations() == stations;
        }, TIMEOUT_MS, "Bixi's stations were never all counted in " + BIXI_UNKNOWN);
    }

    /** Bixi's station_information, every station moved {@code northBy} degrees of latitude. */
    private static void sendBixiInformation(String topic, double northBy) {
        OtherSystems bixi = OtherSystems.BIXI;
        for (StationInformation info : bixi.information()) {
            StationInformation moved = new StationInformation(info.stationId(), info.stationCode(), info.name(),
                    info.lat() + northBy, info.lon(), info.capacity(), info.postCode(), info.address(),
                    info.regionId(), info.lastUpdated(), info.regionName());
            send(topic, StationKey.SYSTEM_CODE.recordKey(bixi.systemId, info.key()), StationSchemas.INFORMATION,
                    StationRecords.information(moved, bixi.systemId));
        }
        producer.flush();
    }
}

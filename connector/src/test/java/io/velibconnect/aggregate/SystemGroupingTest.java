package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.velibconnect.aggregate.metadata.MetadataCsv;
import io.velibconnect.aggregate.metadata.Placement;
import io.velibconnect.aggregate.metadata.Placements;
import io.velibconnect.aggregate.metadata.StationMetadata;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.records.StationKey;
import io.velibconnect.records.SystemScopedKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Several systems in one aggregator (group.key=system-group), and group mode's one system, without Kafka. */
class SystemGroupingTest {

    private static final List<OtherSystems> SYSTEMS = List.of(OtherSystems.values());

    private static StationMetadata metadata(GroupBy by, GroupKey key) {
        StationMetadata metadata = new StationMetadata(new Grouping(by, key, 8, "unknown"), List.of(), null);
        SYSTEMS.forEach(system -> system.information().forEach(info -> metadata.put(system.feedStation(info))));
        return metadata;
    }

    private static Totals applied(StationMetadata metadata) {
        Totals totals = new Totals(metadata, GroupKey.SYSTEM_GROUP, "unknown");
        long offset = 0;
        for (OtherSystems system : SYSTEMS) {
            for (StationStatus status : system.status()) {
                totals.apply(system.state(status, offset++));
            }
        }
        return totals;
    }

    private static Map<String, GroupTotals> table(Totals totals) {
        Map<String, GroupTotals> table = new TreeMap<>();
        totals.groups().forEach(g -> table.put(g, totals.snapshot(g).orElseThrow()));
        return table;
    }

    /** The per-(system, group) totals computed from scratch from the files, system by system. */
    static Map<String, GroupTotals> fresh(GroupBy by) {
        Placements reference = OtherSystems.reference(by, 8, SYSTEMS);
        Map<String, GroupTotals> expected = new TreeMap<>();
        SYSTEMS.forEach(system -> expected.putAll(FreshTotals.of(system.systemId, system.status(), reference)));
        return expected;
    }

    @Test
    void theRecordedSystemsShareStationIds() {
        Set<String> bicing = new HashSet<>();
        OtherSystems.BICING.status().forEach(s -> bicing.add(s.stationId()));
        long shared = OtherSystems.BIXI.status().stream().filter(s -> bicing.contains(s.stationId())).count();
        assertTrue(shared > 400, "Bicing and Bixi share " + shared + " station ids");
    }

    @ParameterizedTest
    @EnumSource(value = GroupBy.class, names = {"REGION", "H3"})
    void everySystemsGroupsEqualAFreshComputationFromItsFiles(GroupBy by) {
        Totals totals = applied(metadata(by, GroupKey.SYSTEM_GROUP));
        int stations = SYSTEMS.stream().mapToInt(s -> (int) s.status().stream().map(StationStatus::stationId)
                .distinct().count()).sum();
        assertEquals(stations, totals.size(), "colliding ids of two systems are two stations");
        Map<String, GroupTotals> expected = fresh(by);
        assertEquals(expected, table(totals));
        assertTrue(expected.size() > SYSTEMS.size() * 2, expected.keySet().toString());
        if (by == GroupBy.REGION) {
            assertTrue(expected.containsKey("velospot/19"), "Vélospot's region 19: " + expected.keySet());
            assertEquals(Set.of("bicing/unknown"), Set.copyOf(expected.keySet().stream()
                    .filter(g -> g.startsWith("bicing/")).toList()), "Bicing publishes no region_id");
        }
    }

    @Test
    void aTombstoneRemovesTheStationOfItsSystemOnly() {
        Totals totals = applied(metadata(GroupBy.H3, GroupKey.SYSTEM_GROUP));
        String bicingOne = totals.station(StationKey.SYSTEM_CODE.recordKey("bicing", "1"));
        assertEquals("bicing/1", bicingOne);
        Placement bixiOne = totals.placement("Bixi_MTL/1");
        int before = totals.size();

        String group = totals.placement(bicingOne).group();
        totals.drainChangedGroups();
        assertEquals(group, totals.remove(bicingOne));
        assertEquals(Set.of(group), totals.drainChangedGroups());
        assertEquals(before - 1, totals.size());
        assertNull(totals.station(StationKey.SYSTEM_CODE.recordKey("bicing", "1")));
        assertEquals(bixiOne, totals.placement("Bixi_MTL/1"));
        assertEquals("Bixi_MTL/1", totals.station(StationKey.SYSTEM_CODE.recordKey("Bixi_MTL", "1")));
    }

    @Test
    void theMetadataOfCollidingIdsStaysApart() {
        StationMetadata metadata = metadata(GroupBy.H3, GroupKey.SYSTEM_GROUP);
        Placement bicing = metadata.of("bicing", "1", null);
        Placement bixi = metadata.of("Bixi_MTL", "1", null);
        assertEquals(46, bicing.capacity(), "Bicing's station 1 (Gran Via) has 46 docks");
        assertEquals(19, bixi.capacity(), "Bixi's station 1 (Drummond) has 19");
        assertEquals("bicing", SystemScopedKeys.systemOf(bicing.group()));
        assertEquals("Bixi_MTL", bixi.labels().systemId());
        assertEquals(SystemScopedKeys.localOf(bixi.group()), bixi.labels().h3());
    }

    @Test
    void groupModeKeepsOneStationPerIdAndItsOldKeys() {
        StationMetadata metadata = metadata(GroupBy.H3, GroupKey.GROUP);
        Placement one = metadata.of("Bixi_MTL", "1", null);
        assertEquals(one.labels().h3(), one.group(), "the key is the group alone");
        Totals totals = new Totals(metadata, GroupKey.GROUP, "unknown");
        totals.apply(OtherSystems.BIXI.state(OtherSystems.BIXI.status().get(0), 0));
        assertEquals("1", totals.station("1"), "a tombstone of station.key=code");
        assertEquals("1", totals.station("Bixi_MTL/1"), "a tombstone of station.key=system-code, one system");
        assertNull(totals.station("bicing/1"), "another system's tombstone names another station");
        totals.remove("1");
        assertNull(totals.station("Bixi_MTL/1"));
        assertNull(totals.station("1"));
    }

    @Test
    void theCsvPlacesOnlyTheStationsOfItsSystem() throws IOException {
        StationMetadata metadata = new StationMetadata(new Grouping(GroupBy.POSTCODE, GroupKey.SYSTEM_GROUP, 8,
                "unknown"), MetadataCsv.read(VelibSeries.CSV), "velib");
        assertEquals("velib/75016", metadata.of("velib", "213688169", "16107").group());
        assertEquals("Bixi_MTL/unknown", metadata.of("Bixi_MTL", "213688169", "16107").group(),
                "a Vélib' row never places a Bixi station, neither by id nor by code");
        assertEquals("Bixi_MTL/unknown", metadata.of("Bixi_MTL", "1", "16107").group());
    }

    @Test
    void groupModeRefusesASecondSystem() throws BadStationRecord {
        SystemCheck check = new SystemCheck(GroupKey.GROUP, Set.of());
        check.accept(OtherSystems.BICING.state(OtherSystems.BICING.status().get(0), 0));
        check.accept(new StationState(null, "9", null, 0, 0, 0, 0, null, 1, 1));
        BadStationRecord second = assertThrows(BadStationRecord.class,
                () -> check.accept(OtherSystems.BIXI.state(OtherSystems.BIXI.status().get(0), 2)));
        assertTrue(second.getMessage().contains("set group.key=system-group"), second.getMessage());
        assertTrue(second.getMessage().contains("'Bixi_MTL'") && second.getMessage().contains("'bicing'"),
                second.getMessage());

        SystemCheck restored = new SystemCheck(GroupKey.GROUP, Set.of("Bixi_MTL"));
        assertThrows(BadStationRecord.class,
                () -> restored.accept(OtherSystems.BICING.state(OtherSystems.BICING.status().get(0), 0)));
    }

    @Test
    void systemGroupModeNeedsTheSystemOfEveryRecord() throws BadStationRecord {
        SystemCheck check = new SystemCheck(GroupKey.SYSTEM_GROUP, Set.of());
        check.accept(OtherSystems.BICING.state(OtherSystems.BICING.status().get(0), 0));
        check.accept(OtherSystems.BIXI.state(OtherSystems.BIXI.status().get(0), 1));
        BadStationRecord none = assertThrows(BadStationRecord.class,
                () -> check.accept(new StationState(null, "9", null, 0, 0, 0, 0, null, 1, 1)));
        assertTrue(none.getMessage().contains("system_id"), none.getMessage());
    }

    @Test
    void theChangelogRestoresCollidingStationsOfTwoSystems() {
        TopicPartition input = new TopicPartition("status", 0);
        StateChangelog changelog = new StateChangelog("state", 1, null, Map.of());
        Totals live = applied(metadata(GroupBy.H3, GroupKey.SYSTEM_GROUP));
        StationState bicingOne = OtherSystems.BICING.state(OtherSystems.BICING.status().get(0), 0);
        StationState bixiOne = OtherSystems.BIXI.state(OtherSystems.BIXI.status().get(0), 1);
        assertEquals("1", bicingOne.stationId());
        assertEquals("1", bixiOne.stationId());
        List<ProducerRecord<byte[], byte[]>> written = List.of(
                changelog.entry(live.identity(bicingOne), new ChangelogEntry(bicingOne, input,
                        live.placement(live.identity(bicingOne)).group(), null)),
                changelog.entry(live.identity(bixiOne), new ChangelogEntry(bixiOne, input,
                        live.placement(live.identity(bixiOne)).group(), null)),
                changelog.entry(live.identity(bicingOne), new ChangelogEntry(null, input, null, null)));

        Totals restored = new Totals(metadata(GroupBy.H3, GroupKey.SYSTEM_GROUP), GroupKey.SYSTEM_GROUP, "unknown");
        ChangelogReplay replay = new ChangelogReplay(null);
        long offset = 0;
        for (ProducerRecord<byte[], byte[]> record : written) {
            replay.add(new ConsumerRecord<>("state", 0, offset++, record.key(), record.value()));
        }
        StationPartitions stations = new StationPartitions();
        replay.applyTo(restored, stations, Set.of(input));
        assertEquals(1, restored.size());
        assertEquals(Set.of("Bixi_MTL"), restored.systems());
        assertEquals(live.placement("Bixi_MTL/1"), restored.placement("Bixi_MTL/1"));
        assertNull(restored.placement("bicing/1"));
        assertEquals(input, stations.partitionOf("Bixi_MTL/1"));
        assertNull(stations.partitionOf("bicing/1"));
    }

    @Test
    void changelogEntriesKeepTheSystemAndOldEntriesStillRead() throws IOException {
        TopicPartition input = new TopicPartition("status", 2);
        StationState state = OtherSystems.BIXI.state(OtherSystems.BIXI.status().get(0), 7);
        assertEquals(new ChangelogEntry(state, input, "Bixi_MTL/unknown", null),
                ChangelogCodec.entry(ChangelogCodec.value(new ChangelogEntry(state, input, "Bixi_MTL/unknown", null)),
                        null));
        assertEquals("Bixi_MTL/1", ChangelogCodec.station(ChangelogCodec.key("Bixi_MTL/1")));

        // an entry as the aggregator wrote it before entries named their system and their input partition
        byte[] old = ("{\"stationId\":\"213688169\",\"stationCode\":\"16107\",\"bikes\":8,\"mechanical\":1,"
                + "\"ebike\":7,\"docks\":27,\"lastReported\":1734255053000,\"lastUpdated\":1734258950000,"
                + "\"offset\":42}").getBytes(StandardCharsets.UTF_8);
        TopicPartition legacy = new TopicPartition("status", 0);
        assertEquals(new ChangelogEntry(new StationState(null, "213688169", "16107", 8, 1, 7, 27, 1734255053000L,
                        1734258950000L, 42), legacy, null, null), ChangelogCodec.entry(old, legacy));
    }
}

package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.velibconnect.aggregate.metadata.MetadataRow;
import io.velibconnect.aggregate.metadata.StationMetadata;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.velibconnect.records.SystemScopedKey;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A restore applies exactly the changelog entries of the input partitions being restored, under the identity
 * {@link Totals} holds each station by.
 */
class ChangelogReplayTest {

    private static final TopicPartition P0 = new TopicPartition("status", 0);
    private static final TopicPartition P1 = new TopicPartition("status", 1);
    private static final TopicPartition P4 = new TopicPartition("status", 4);
    private static final TopicPartition P5 = new TopicPartition("status", 5);
    private static final List<MetadataRow> CSV = List.of(
            new MetadataRow("1", "s1", "75001", "Paris"), new MetadataRow("2", "s2", "75001", "Paris"),
            new MetadataRow("3", "s3", "75002", "Paris"), new MetadataRow("4", "s4", "75004", "Paris"));
    private static final StationMetadata METADATA = metadata(GroupKey.GROUP);

    private static StationMetadata metadata(GroupKey key) {
        return new StationMetadata(new Grouping(GroupBy.POSTCODE, key, 8, "unknown"), CSV, null);
    }

    private static StationState state(String id, int bikes, long offset) {
        return state(null, id, bikes, offset);
    }

    private static StationState state(String system, String id, int bikes, long offset) {
        return new StationState(system, "s" + id, id, bikes, bikes, 0, 10, null, 1_000 + offset, offset);
    }

    /** Writes the entry of a station under its identity, with no recorded group (as earlier versions did). */
    private static ProducerRecord<byte[], byte[]> entry(StateChangelog changelog, Totals totals, StationState state,
                                                        TopicPartition input) {
        return changelog.entry(totals.identity(state), new ChangelogEntry(state, input, null, null));
    }

    private static ConsumerRecord<byte[], byte[]> read(ProducerRecord<byte[], byte[]> written, long offset) {
        return new ConsumerRecord<>(written.topic(), written.partition(), offset, written.key(), written.value());
    }

    @Test
    void entriesGoToInputPartitionModuloStatePartitions() {
        StateChangelog four = new StateChangelog("state", 4, null, Map.of());
        assertEquals(1, four.entry("s1", new ChangelogEntry(state("1", 1, 0), P5, "75001", null)).partition());
        assertEquals(1, four.entry("s1", new ChangelogEntry(null, P5, null, null)).partition(),
                "a tombstone shadows the entry it deletes");
        assertEquals(0, four.entry("s1", new ChangelogEntry(state("1", 1, 0), P4, "75001", null)).partition());
        StateChangelog one = new StateChangelog("state", 1, null, Map.of());
        assertEquals(0, one.entry("s1", new ChangelogEntry(state("1", 1, 0), P5, "75001", null)).partition(),
                "a one-partition state topic holds all");
    }

    @Test
    void onlyTheEntriesOfTheRestoredPartitionsAreApplied() {
        // one state partition holding entries of input partitions 0, 4 and (a station that left) 0
        StateChangelog changelog = new StateChangelog("state", 4, null, Map.of());
        Totals totals = new Totals(METADATA, GroupKey.GROUP, "unknown");
        ChangelogReplay replay = new ChangelogReplay(null);
        replay.add(read(entry(changelog, totals, state("1", 3, 0), P0), 0));
        replay.add(read(entry(changelog, totals, state("2", 4, 1), P0), 1));
        replay.add(read(entry(changelog, totals, state("4", 7, 2), P4), 2));
        replay.add(read(entry(changelog, totals, state("1", 5, 3), P0), 3));
        replay.add(read(entry(changelog, totals, state("3", 9, 4), P0), 4));
        replay.add(read(changelog.entry("s3", new ChangelogEntry(null, P0, null, null)), 5));

        StationPartitions stations = new StationPartitions();
        int restored = replay.applyTo(totals, stations, Set.of(P0, P1));

        assertEquals(2, restored);
        assertEquals(Set.of("75001"), totals.drainChangedGroups());
        assertEquals(Set.of("75001"), totals.groups(), "75004 is input partition 4's: another task's");
        assertEquals(9, totals.snapshot("75001").orElseThrow().bikes(), "latest entry of s1 (5) + s2 (4)");
        assertEquals(P0, stations.partitionOf("s1"));
        assertNull(stations.partitionOf("s4"));
        assertEquals(0, stations.stationsIn(P1), "P1 has nothing: the task rebuilds it from its beginning");
    }

    @Test
    void inSystemGroupModeTheStationsOfTwoSystemsAreRestoredByTheirOwnPartition() {
        // both systems have a station "s1" (CSV id 1), each system in its own input partition
        StateChangelog changelog = new StateChangelog("state", 1, null, Map.of());
        Totals written = new Totals(metadata(GroupKey.SYSTEM_GROUP), GroupKey.SYSTEM_GROUP, "unknown");
        ChangelogReplay replay = new ChangelogReplay(null);
        replay.add(read(entry(changelog, written, state("a", "1", 3, 0), P0), 0));
        replay.add(read(entry(changelog, written, state("b", "1", 4, 1), P1), 1));
        replay.add(read(entry(changelog, written, state("b", "2", 6, 2), P1), 2));
        replay.add(read(changelog.entry(SystemScopedKey.of("b", "s2"), new ChangelogEntry(null, P1, null, null)), 3));

        Totals totals = new Totals(metadata(GroupKey.SYSTEM_GROUP), GroupKey.SYSTEM_GROUP, "unknown");
        StationPartitions stations = new StationPartitions();
        int restored = replay.applyTo(totals, stations, Set.of(P1));

        assertEquals(1, restored, "b/s1 only: b/s2 left, a/s1 is partition 0's");
        assertEquals(Set.of("b/75001"), totals.drainChangedGroups());
        assertEquals(4, totals.snapshot("b/75001").orElseThrow().bikes());
        assertEquals(P1, stations.partitionOf("b/s1"));
        assertNull(stations.partitionOf("a/s1"));
        assertNull(stations.partitionOf("s1"));
        assertEquals(Set.of("b/s1"), stations.drop(List.of(P1)), "the task hands over b/s1 with partition 1");
    }

    @Test
    void anEntryWithoutTheSystemThatSystemGroupModeNeedsIsSkipped() throws Exception {
        StateChangelog changelog = new StateChangelog("state", 1, null, Map.of());
        ChangelogReplay replay = new ChangelogReplay(P0);
        replay.add(new ConsumerRecord<>("state", 0, 0, "s1".getBytes(StandardCharsets.UTF_8),
                legacy(state("1", 3, 0))));
        Totals written = new Totals(metadata(GroupKey.SYSTEM_GROUP), GroupKey.SYSTEM_GROUP, "unknown");
        replay.add(read(entry(changelog, written, state("a", "2", 4, 1), P0), 1));

        Totals totals = new Totals(metadata(GroupKey.SYSTEM_GROUP), GroupKey.SYSTEM_GROUP, "unknown");
        StationPartitions stations = new StationPartitions();
        assertEquals(1, replay.applyTo(totals, stations, Set.of(P0)));
        assertEquals(Set.of("a/75001"), totals.groups());
        assertEquals(1, stations.stationsIn(P0));
    }

    /** The format older versions wrote: the bare station state, with neither system nor input partition. */
    private static byte[] legacy(StationState state) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode node = json.valueToTree(state);
        node.remove("systemId");
        return json.writeValueAsBytes(node);
    }

    @Test
    void entriesWrittenBeforeTheyNamedTheirPartitionBelongToTheLegacyInput() throws Exception {
        byte[] legacy = legacy(state("1", 3, 0));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("state", 0, 0,
                "s1".getBytes(StandardCharsets.UTF_8), legacy);

        ChangelogReplay replay = new ChangelogReplay(P0);
        replay.add(record);
        Totals totals = new Totals(METADATA, GroupKey.GROUP, "unknown");
        StationPartitions stations = new StationPartitions();
        assertEquals(0, replay.applyTo(totals, stations, Set.of(P1)));
        assertEquals(1, replay.applyTo(totals, stations, Set.of(P0)));
        assertEquals(P0, stations.partitionOf("s1"));

        ChangelogReplay noLegacyInput = new ChangelogReplay(null);
        noLegacyInput.add(record);
        assertEquals(0, noLegacyInput.applyTo(new Totals(METADATA, GroupKey.GROUP, "unknown"), new StationPartitions(),
                Set.of(P0, P1)), "no input topic to assign it to: never restored");
    }

    @Test
    void anUnreadableEntryKeepsTheStationsEarlierEntry() {
        StateChangelog changelog = new StateChangelog("state", 1, null, Map.of());
        ChangelogReplay replay = new ChangelogReplay(null);
        replay.add(read(changelog.entry("s1", new ChangelogEntry(state("1", 3, 0), P0, "75001", null)), 0));
        replay.add(new ConsumerRecord<>("state", 0, 1, "s1".getBytes(StandardCharsets.UTF_8),
                "{\"bikes\":".getBytes(StandardCharsets.UTF_8)));
        replay.add(new ConsumerRecord<>("state", 0, 2, "s2".getBytes(StandardCharsets.UTF_8),
                "[1]".getBytes(StandardCharsets.UTF_8)));

        Totals totals = new Totals(METADATA, GroupKey.GROUP, "unknown");
        assertEquals(1, replay.applyTo(totals, new StationPartitions(), Set.of(P0)));
        assertEquals(3, totals.snapshot("75001").orElseThrow().bikes());
    }

    @Test
    void aRestoredStationPlacedAwayFromTheGroupItsEntryRecordedRewritesThatGroup() {
        // written by a task that counted s1 and s2 before their information arrived, s3 in its real group
        StateChangelog changelog = new StateChangelog("state", 1, null, Map.of());
        ChangelogReplay replay = new ChangelogReplay(null);
        replay.add(read(changelog.entry("s1", new ChangelogEntry(state("1", 3, 0), P0, "unknown", null)), 0));
        replay.add(read(changelog.entry("s2", new ChangelogEntry(state("2", 4, 1), P0, "unknown", null)), 1));
        replay.add(read(changelog.entry("s3", new ChangelogEntry(state("3", 9, 2), P0, "75002", null)), 2));

        Totals totals = new Totals(METADATA, GroupKey.GROUP, "unknown");
        assertEquals(3, replay.applyTo(totals, new StationPartitions(), Set.of(P0)));
        assertEquals(Set.of("75001", "unknown", "75002"), totals.drainChangedGroups());
        assertEquals(Optional.empty(), totals.snapshot("unknown"), "the publisher tombstones the stale total");
        assertEquals(7, totals.snapshot("75001").orElseThrow().bikes());
    }
}

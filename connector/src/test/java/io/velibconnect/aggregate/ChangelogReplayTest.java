package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A restore applies exactly the changelog entries of the input partitions being restored. */
class ChangelogReplayTest {

    private static final TopicPartition P0 = new TopicPartition("status", 0);
    private static final TopicPartition P1 = new TopicPartition("status", 1);
    private static final TopicPartition P4 = new TopicPartition("status", 4);
    private static final TopicPartition P5 = new TopicPartition("status", 5);
    private static final StationMetadata METADATA = new StationMetadata(GroupBy.POSTCODE, "unknown", List.of(
            new MetadataRow("1", "s1", "75001", "Paris"), new MetadataRow("2", "s2", "75001", "Paris"),
            new MetadataRow("3", "s3", "75002", "Paris"), new MetadataRow("4", "s4", "75004", "Paris")));

    private static StationState state(String id, int bikes, long offset) {
        return new StationState("s" + id, id, bikes, bikes, 0, 10, null, 1_000 + offset, offset);
    }

    private static ConsumerRecord<byte[], byte[]> read(ProducerRecord<byte[], byte[]> written, long offset) {
        return new ConsumerRecord<>(written.topic(), written.partition(), offset, written.key(), written.value());
    }

    @Test
    void entriesGoToInputPartitionModuloStatePartitions() {
        StateChangelog four = new StateChangelog("state", 4, null, Map.of());
        assertEquals(1, four.entry(state("1", 1, 0), P5).partition());
        assertEquals(1, four.tombstone("s1", P5).partition(), "a tombstone shadows the entry it deletes");
        assertEquals(0, four.entry(state("1", 1, 0), P4).partition());
        StateChangelog one = new StateChangelog("state", 1, null, Map.of());
        assertEquals(0, one.entry(state("1", 1, 0), P5).partition(), "a one-partition state topic holds all");
    }

    @Test
    void onlyTheEntriesOfTheRestoredPartitionsAreApplied() {
        // one state partition holding entries of input partitions 0, 4 and (a station that left) 0
        StateChangelog changelog = new StateChangelog("state", 4, null, Map.of());
        ChangelogReplay replay = new ChangelogReplay(null);
        replay.add(read(changelog.entry(state("1", 3, 0), P0), 0));
        replay.add(read(changelog.entry(state("2", 4, 1), P0), 1));
        replay.add(read(changelog.entry(state("4", 7, 2), P4), 2));
        replay.add(read(changelog.entry(state("1", 5, 3), P0), 3));
        replay.add(read(changelog.entry(state("3", 9, 4), P0), 4));
        replay.add(read(changelog.tombstone("s3", P0), 5));

        Totals totals = new Totals(METADATA);
        StationPartitions stations = new StationPartitions();
        ChangelogReplay.Restored restored = replay.applyTo(totals, stations, Set.of(P0, P1));

        assertEquals(2, restored.stations());
        assertEquals(Set.of("75001"), restored.groups());
        assertEquals(Set.of("75001"), totals.groups(), "75004 is input partition 4's: another task's");
        assertEquals(9, totals.snapshot("75001").orElseThrow().bikes(), "latest entry of s1 (5) + s2 (4)");
        assertEquals(P0, stations.partitionOf("s1"));
        assertNull(stations.partitionOf("s4"));
        assertEquals(0, stations.stationsIn(P1), "P1 has nothing: the task rebuilds it from its beginning");
    }

    @Test
    void entriesWrittenBeforeTheyNamedTheirPartitionBelongToTheLegacyInput() throws Exception {
        // the format older versions wrote: the bare station state
        byte[] legacy = new ObjectMapper().writeValueAsBytes(state("1", 3, 0));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("state", 0, 0,
                "s1".getBytes(StandardCharsets.UTF_8), legacy);

        ChangelogReplay replay = new ChangelogReplay(P0);
        replay.add(record);
        Totals totals = new Totals(METADATA);
        StationPartitions stations = new StationPartitions();
        assertEquals(0, replay.applyTo(totals, stations, Set.of(P1)).stations());
        assertEquals(1, replay.applyTo(totals, stations, Set.of(P0)).stations());
        assertEquals(P0, stations.partitionOf("s1"));

        ChangelogReplay noLegacyInput = new ChangelogReplay(null);
        noLegacyInput.add(record);
        assertEquals(0, noLegacyInput.applyTo(new Totals(METADATA), new StationPartitions(), Set.of(P0, P1))
                .stations(), "no input topic to assign it to: never restored");
    }

    @Test
    void anUnreadableEntryKeepsTheStationsEarlierEntry() {
        StateChangelog changelog = new StateChangelog("state", 1, null, Map.of());
        ChangelogReplay replay = new ChangelogReplay(null);
        replay.add(read(changelog.entry(state("1", 3, 0), P0), 0));
        replay.add(new ConsumerRecord<>("state", 0, 1, "s1".getBytes(StandardCharsets.UTF_8),
                "{\"bikes\":".getBytes(StandardCharsets.UTF_8)));
        replay.add(new ConsumerRecord<>("state", 0, 2, "s2".getBytes(StandardCharsets.UTF_8),
                "[1]".getBytes(StandardCharsets.UTF_8)));

        Totals totals = new Totals(METADATA);
        assertEquals(1, replay.applyTo(totals, new StationPartitions(), Set.of(P0)).stations());
        assertEquals(3, totals.snapshot("75001").orElseThrow().bikes());
    }
}

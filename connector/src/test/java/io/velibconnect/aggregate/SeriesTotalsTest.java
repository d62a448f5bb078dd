package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.velibconnect.aggregate.metadata.StationMetadata;
import io.velibconnect.gbfs.StationStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The aggregation logic over the real recorded series, without Kafka. */
class SeriesTotalsTest {

    private static Map<String, GroupTotals> table(Totals totals) {
        Map<String, GroupTotals> table = new TreeMap<>();
        totals.groups().forEach(g -> table.put(g, totals.snapshot(g).orElseThrow()));
        return table;
    }

    private static List<List<StationState>> batches() {
        List<List<StationState>> batches = new ArrayList<>();
        long offset = 0;
        for (Path file : VelibSeries.statusFiles()) {
            List<StationState> batch = new ArrayList<>();
            for (StationStatus status : VelibSeries.status(file)) {
                batch.add(VelibSeries.state(status, offset++));
            }
            batches.add(batch);
        }
        return batches;
    }

    @Test
    void replayingTheWholeSeriesEqualsAFreshComputationFromTheLastSnapshot() {
        StationMetadata metadata = VelibSeries.metadata(GroupBy.POSTCODE);
        Totals totals = new Totals(metadata, GroupKey.GROUP, "unknown");
        List<List<StationState>> batches = batches();
        assertEquals(12, batches.size());
        batches.forEach(batch -> batch.forEach(totals::apply));

        Map<String, GroupTotals> expected = FreshTotals.of(VelibSeries.SYSTEM, VelibSeries.lastStatus(), metadata);
        assertEquals(expected, table(totals));
        assertEquals(16_886, expected.values().stream().mapToLong(GroupTotals::bikes).sum(),
                "SOURCES.md: the 17:51Z snapshot has 16,886 bikes");
        assertEquals(38 + 2, expected.get("unknown").stations(),
                "SOURCES.md: 38 station_ids are not in the CSV, and 2 CSV rows (11025, 18008) have no postcode");
    }

    @Test
    void totalsCountTheLatestStatusesNotEveryRecordSeen() {
        Totals totals = new Totals(VelibSeries.metadata(GroupBy.POSTCODE), GroupKey.GROUP, "unknown");
        long everyRecord = 0;
        for (List<StationState> batch : batches()) {
            for (StationState state : batch) {
                totals.apply(state);
                everyRecord += state.bikes();
            }
        }
        long ours = table(totals).values().stream().mapToLong(GroupTotals::bikes).sum();
        assertEquals(16_886, ours);
        assertTrue(everyRecord > 10 * ours, "summing every record seen (the original Spark job) gives " + everyRecord);
    }

    @Test
    void snapshotsArrivingInAnyOrderGiveTheSameFinalTable() {
        StationMetadata metadata = VelibSeries.metadata(GroupBy.POSTCODE);
        List<List<StationState>> batches = batches();
        Collections.reverse(batches);
        Totals reversed = new Totals(metadata, GroupKey.GROUP, "unknown");
        batches.forEach(batch -> batch.forEach(reversed::apply));
        Collections.shuffle(batches, new java.util.Random(42));
        Totals shuffled = new Totals(metadata, GroupKey.GROUP, "unknown");
        batches.forEach(batch -> batch.forEach(shuffled::apply));

        Map<String, GroupTotals> expected = FreshTotals.of(VelibSeries.SYSTEM, VelibSeries.lastStatus(), metadata);
        assertEquals(expected, table(reversed));
        assertEquals(expected, table(shuffled));
    }

    @Test
    void groupsByCity() {
        StationMetadata metadata = VelibSeries.metadata(GroupBy.CITY);
        Totals totals = new Totals(metadata, GroupKey.GROUP, "unknown");
        batches().forEach(batch -> batch.forEach(totals::apply));
        Map<String, GroupTotals> expected = FreshTotals.of(VelibSeries.SYSTEM, VelibSeries.lastStatus(), metadata);
        assertEquals(expected, table(totals));
        assertTrue(expected.get("Paris").stations() > 900, "Paris has " + expected.get("Paris").stations());
    }

    @Test
    void changelogEntriesRoundTrip() throws Exception {
        TopicPartition input = new TopicPartition("status", 3);
        StationState state = batches().get(0).get(0);
        assertEquals(new ChangelogEntry(state, input, "75001", null),
                ChangelogCodec.entry(ChangelogCodec.value(new ChangelogEntry(state, input, "75001", null)), null));
        StationState noReport = new StationState(null, "1", null, 1, 1, 0, 2, null, 5, 6);
        assertEquals(new ChangelogEntry(noReport, input, null, null),
                ChangelogCodec.entry(ChangelogCodec.value(new ChangelogEntry(noReport, input, null, null)), null));
        ChangelogEntry moving = new ChangelogEntry(state, input, "75002", "75001");
        assertEquals(moving, ChangelogCodec.entry(ChangelogCodec.value(moving), null));
        assertFalse(new String(ChangelogCodec.value(new ChangelogEntry(state, input, "75001", null)),
                StandardCharsets.UTF_8).contains("left_group"), "an entry not moving is written as before");
    }

    @Test
    void stationsLeavingTheFeedGiveTheFreshTotalsOfTheReducedSnapshot() {
        StationMetadata metadata = VelibSeries.metadata(GroupBy.POSTCODE);
        Totals totals = new Totals(metadata, GroupKey.GROUP, "unknown");
        batches().forEach(batch -> batch.forEach(totals::apply));
        List<StationStatus> last = VelibSeries.lastStatus();
        String emptied = metadata.of(VelibSeries.SYSTEM, last.get(0).stationId(), last.get(0).stationCode()).group();
        List<StationStatus> gone = last.stream().filter(s -> s.stationCode().endsWith("7")
                || metadata.of(VelibSeries.SYSTEM, s.stationId(), s.stationCode()).group().equals(emptied)).toList();
        List<StationStatus> remaining = last.stream().filter(s -> !gone.contains(s)).toList();

        gone.forEach(s -> totals.remove(totals.station(s.key())));

        assertEquals(FreshTotals.of(VelibSeries.SYSTEM, remaining, metadata), table(totals));
        assertTrue(!totals.groups().contains(emptied), emptied + " lost all its stations");
        assertEquals(remaining.size(), totals.size());
        assertTrue(gone.size() > 100, "removed " + gone.size());
    }

    @Test
    void aStationRemovedFromTheChangelogStaysRemovedAfterARestore() {
        TopicPartition input = new TopicPartition("status", 0);
        StateChangelog changelog = new StateChangelog("state", 1, null, Map.of());
        List<StationState> batch = batches().get(0);
        List<ProducerRecord<byte[], byte[]>> written = new ArrayList<>();
        batch.forEach(state -> written.add(changelog.entry(state.stationId(),
                new ChangelogEntry(state, input, null, null))));
        written.add(changelog.entry(batch.get(0).stationId(), new ChangelogEntry(null, input, null, null)));

        Totals restored = new Totals(VelibSeries.metadata(GroupBy.POSTCODE), GroupKey.GROUP, "unknown");
        ChangelogReplay replay = new ChangelogReplay(null);
        long offset = 0;
        for (ProducerRecord<byte[], byte[]> record : written) {
            replay.add(new ConsumerRecord<>("state", 0, offset++, record.key(), record.value()));
        }
        replay.applyTo(restored, new StationPartitions(), Set.of(input));
        assertEquals(batch.size() - 1, restored.size());
        assertEquals(null, restored.placement(batch.get(0).stationId()));
        assertEquals(null, restored.station(batch.get(0).stationCode()));
    }
}

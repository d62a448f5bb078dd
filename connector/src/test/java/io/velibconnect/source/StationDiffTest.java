package io.velibconnect.source;

import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.FeedSnapshot;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StationDiffTest {

    private static final String SERIES = "velib/2024-12-15_InfoFlower-timeseries";
    /** Network num_bikes_available of each snapshot, from the series' SOURCES.md table. */
    private static final List<Integer> SUMS = List.of(17768, 17736, 17511, 17503, 17519, 16931, 16929, 16914,
            16896, 16910, 17053, 16886);

    static List<FeedSnapshot<StationStatus>> series() throws Exception {
        FeedParser parser = new FeedParser();
        List<Path> files;
        try (Stream<Path> listing = Files.list(SharedData.dir(SERIES))) {
            files = listing.filter(p -> p.getFileName().toString().startsWith("station_status_")).sorted().toList();
        }
        List<FeedSnapshot<StationStatus>> snapshots = new java.util.ArrayList<>();
        for (Path file : files) {
            snapshots.add(parser.parseStatus(Files.readAllBytes(file)));
        }
        return snapshots;
    }

    @Test
    void theEmittedChangesAppliedInOrderReproduceEverySnapshot() throws Exception {
        List<FeedSnapshot<StationStatus>> series = series();
        assertEquals(12, series.size());
        Map<String, StationStatus> applied = new HashMap<>();
        Map<String, Long> emitted = Map.of();
        int[] changedCounts = new int[series.size()];

        for (int i = 0; i < series.size(); i++) {
            StationDiff.Result<StationStatus> diff = StationDiff.diff(emitted, series.get(i).stations(),
                    StationStatus::key, StationStatus::content, false);
            diff.changed().forEach(station -> applied.put(station.key(), station));
            emitted = diff.emitted();
            changedCounts[i] = diff.changed().size();

            assertEquals(contents(series.get(i).stations()), contents(applied.values()), "snapshot " + i);
            assertEquals(SUMS.get(i), applied.values().stream().mapToInt(StationStatus::numBikesAvailable).sum());
            assertEquals(1486, diff.changed().size() + diff.unchanged());
        }
        assertEquals(1486, changedCounts[0], "everything on first start");
        for (int i = 1; i < series.size(); i++) {
            assertTrue(changedCounts[i] > 0 && changedCounts[i] < 1486, "only changes at " + i + ": " + changedCounts[i]);
        }
    }

    @Test
    void aRestartFromTheOffsetDigestEmitsExactlyWhatAContinuousRunWould() throws Exception {
        List<FeedSnapshot<StationStatus>> series = series();
        Map<String, Long> continuous = Map.of();
        Map<String, Object> offset = null;

        for (FeedSnapshot<StationStatus> snapshot : series) {
            StationDiff.Result<StationStatus> running = StationDiff.diff(continuous, snapshot.stations(),
                    StationStatus::key, StationStatus::content, false);
            StationDiff.Result<StationStatus> restarted = StationDiff.diff(EmittedDigest.emitted(offset),
                    snapshot.stations(), StationStatus::key, StationStatus::content, false);

            assertEquals(running.changed(), restarted.changed());
            continuous = running.emitted();
            offset = EmittedDigest.offset(snapshot.lastUpdated().toEpochMilli(), restarted.emitted());
            assertEquals(snapshot.lastUpdated().toEpochMilli(), EmittedDigest.lastUpdated(offset));
        }
        int bytes = offset.get(EmittedDigest.STATIONS).toString().length();
        assertTrue(bytes < 32_000, "offset of 1486 stations stays small: " + bytes + " chars");
    }

    @Test
    void aLastReportedGoingBackwardsIsAChangeButCountsAloneAreToo() throws Exception {
        List<FeedSnapshot<StationStatus>> series = series();
        Map<String, StationStatus> before = byKey(series.get(2).stations());
        StationDiff.Result<StationStatus> diff = StationDiff.diff(
                StationDiff.diff(Map.of(), series.get(2).stations(), StationStatus::key, StationStatus::content,
                        false).emitted(),
                series.get(3).stations(), StationStatus::key, StationStatus::content, false);

        long backwards = diff.changed().stream()
                .filter(s -> s.lastReported().isBefore(before.get(s.key()).lastReported())).count();
        long countsOnly = diff.changed().stream()
                .filter(s -> s.lastReported().equals(before.get(s.key()).lastReported())).count();
        assertEquals(23, backwards, "13:08 -> 13:13, SOURCES.md");
        assertTrue(countsOnly >= 200, "counts changed without last_reported: " + countsOnly);
    }

    @Test
    void emitAllSendsEveryStation() throws Exception {
        FeedSnapshot<StationStatus> snapshot = series().get(0);
        Map<String, Long> emitted = StationDiff.diff(Map.of(), snapshot.stations(), StationStatus::key,
                StationStatus::content, false).emitted();

        assertEquals(0, StationDiff.diff(emitted, snapshot.stations(), StationStatus::key, StationStatus::content,
                false).changed().size());
        assertEquals(1486, StationDiff.diff(emitted, snapshot.stations(), StationStatus::key, StationStatus::content,
                true).changed().size());
    }

    @Test
    void anUnreadableDigestMeansNothingWasSent() {
        assertEquals(Map.of(), EmittedDigest.emitted(Map.of(EmittedDigest.STATIONS, "not base64 !")));
        assertEquals(Map.of(), EmittedDigest.emitted(null));
        assertEquals(-1, EmittedDigest.lastUpdated(null));
    }

    private static Map<String, String> contents(java.util.Collection<StationStatus> stations) {
        return stations.stream().collect(Collectors.toMap(StationStatus::key, StationStatus::content));
    }

    private static Map<String, StationStatus> byKey(List<StationStatus> stations) {
        return stations.stream().collect(Collectors.toMap(StationStatus::key, s -> s));
    }
}

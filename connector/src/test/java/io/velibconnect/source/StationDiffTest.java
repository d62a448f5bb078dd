package io.velibconnect.source;

import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.FeedSnapshot;
import io.velibconnect.gbfs.Rejection;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.testing.BuiltFeeds;
import io.velibconnect.testing.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
        FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);
        List<Path> files;
        try (Stream<Path> listing = Files.list(TestData.dir(SERIES))) {
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
                    StationStatus::key, StationStatus::fingerprint, false, List.of());
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
                    StationStatus::key, StationStatus::fingerprint, false, List.of());
            StationDiff.Result<StationStatus> restarted = StationDiff.diff(EmittedDigest.emitted(offset),
                    snapshot.stations(), StationStatus::key, StationStatus::fingerprint, false, List.of());

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
                StationDiff.diff(Map.of(), series.get(2).stations(), StationStatus::key, StationStatus::fingerprint,
                        false, List.of()).emitted(),
                series.get(3).stations(), StationStatus::key, StationStatus::fingerprint, false, List.of());

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
                StationStatus::fingerprint, false, List.of()).emitted();

        assertEquals(0, StationDiff.diff(emitted, snapshot.stations(), StationStatus::key, StationStatus::fingerprint,
                false, List.of()).changed().size());
        assertEquals(1486, StationDiff.diff(emitted, snapshot.stations(), StationStatus::key, StationStatus::fingerprint,
                true, List.of()).changed().size());
    }

    @Test
    void stationsGoneBetween2022And2025AreRemovedAndTheChangesReproduceThe2025Snapshot() throws Exception {
        FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);
        FeedSnapshot<StationStatus> early = parser.parseStatus(TestData.bytes("velib/2022-02_samhrrl/station_status.json"));
        FeedSnapshot<StationStatus> late = parser.parseStatus(TestData.bytes("velib/2025-10_dariusbengo/station_status.json"));
        assertEquals(1439, early.stations().size());
        assertEquals(1495, late.stations().size());
        assertEquals(List.of(), late.rejections());
        Set<String> gone = new TreeSet<>(byKey(early.stations()).keySet());
        gone.removeAll(byKey(late.stations()).keySet());
        assertEquals(89, gone.size(), "2022 keys absent in 2025, also counted with a script over the two files");

        Map<String, StationStatus> applied = new HashMap<>();
        StationDiff.Result<StationStatus> first = StationDiff.diff(Map.of(), early.stations(), StationStatus::key,
                StationStatus::fingerprint, false, early.rejections());
        first.changed().forEach(station -> applied.put(station.key(), station));
        StationDiff.Result<StationStatus> second = StationDiff.diff(first.emitted(), late.stations(),
                StationStatus::key, StationStatus::fingerprint, false, late.rejections());
        second.changed().forEach(station -> applied.put(station.key(), station));
        second.removed().forEach(applied::remove);

        assertEquals(List.copyOf(gone), second.removed());
        assertEquals(List.of(), first.removed());
        assertEquals(contents(late.stations()), contents(applied.values()));
        assertEquals(byKey(late.stations()).keySet(), second.emitted().keySet(), "the digest forgets them");
        assertEquals(second.removed(), StationDiff.diff(first.emitted(), late.stations(), StationStatus::key,
                StationStatus::fingerprint, true, late.rejections()).removed(), "emit=all removes the same");
    }

    @Test
    void aRejectedStationIsNotRemovedAndIsRemovedOnceItIsReallyGone() throws Exception {
        FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);
        byte[] body = TestData.bytes("velib/2025-10_dariusbengo/station_status.json");
        FeedSnapshot<StationStatus> good = parser.parseStatus(body);
        FeedSnapshot<StationStatus> broken = parser.parseStatus(BuiltFeeds.firstBikeCountAsText(body));
        String rejectedKey = good.stations().get(0).key();
        assertEquals(1, broken.rejections().size());
        assertEquals(rejectedKey, broken.rejections().get(0).key());
        Map<String, Long> emitted = StationDiff.diff(Map.of(), good.stations(), StationStatus::key,
                StationStatus::fingerprint, false, List.of()).emitted();

        StationDiff.Result<StationStatus> withRejection = StationDiff.diff(emitted, broken.stations(),
                StationStatus::key, StationStatus::fingerprint, false, broken.rejections());
        assertEquals(List.of(), withRejection.removed());
        assertEquals(1, withRejection.withheld());
        assertEquals(emitted.get(rejectedKey), withRejection.emitted().get(rejectedKey));

        StationDiff.Result<StationStatus> gone = StationDiff.diff(withRejection.emitted(), broken.stations(),
                StationStatus::key, StationStatus::fingerprint, false, List.of());
        assertEquals(List.of(rejectedKey), gone.removed());
    }

    @Test
    void aRejectionWithoutAKeyHoldsEveryRemovalOfThatSnapshot() throws Exception {
        FeedSnapshot<StationStatus> snapshot = series().get(0);
        List<StationStatus> fewer = snapshot.stations().subList(3, snapshot.stations().size());
        Map<String, Long> emitted = StationDiff.diff(Map.of(), snapshot.stations(), StationStatus::key,
                StationStatus::fingerprint, false, List.of()).emitted();

        StationDiff.Result<StationStatus> held = StationDiff.diff(emitted, fewer, StationStatus::key,
                StationStatus::fingerprint, false, List.of(new Rejection("#7", null, "station is not a JSON object: 42")));
        assertEquals(List.of(), held.removed());
        assertEquals(3, held.withheld());
        assertEquals(emitted, held.emitted());
        assertEquals(3, StationDiff.diff(held.emitted(), fewer, StationStatus::key, StationStatus::fingerprint, false,
                List.of()).removed().size());
    }

    @Test
    void anUnreadableDigestMeansNothingWasSent() {
        assertEquals(Map.of(), EmittedDigest.emitted(Map.of(EmittedDigest.STATIONS, "not base64 !")));
        assertEquals(Map.of(), EmittedDigest.emitted(null));
        assertEquals(-1, EmittedDigest.lastUpdated(null));
    }

    private static Map<String, Long> contents(java.util.Collection<StationStatus> stations) {
        return stations.stream().collect(Collectors.toMap(StationStatus::key, StationStatus::fingerprint));
    }

    private static Map<String, StationStatus> byKey(List<StationStatus> stations) {
        return stations.stream().collect(Collectors.toMap(StationStatus::key, s -> s));
    }
}

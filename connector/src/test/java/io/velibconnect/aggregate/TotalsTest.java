package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.velibconnect.aggregate.metadata.Placement;
import io.velibconnect.records.SystemScopedKey;
import org.junit.jupiter.api.Test;

class TotalsTest {

    private static final long T0 = 1_734_258_950_000L;

    private final Map<String, String> postcodeOf = new HashMap<>(Map.of("A", "75001", "B", "75001", "C", "75002"));
    private final Totals totals = new Totals((system, id, code) -> {
        String postcode = postcodeOf.get(id);
        return postcode == null ? new Placement("unknown", postcode("unknown", null), 0)
                : new Placement(postcode, postcode(postcode, "Paris"), 20);
    }, GroupKey.GROUP, "unknown");

    private static GroupLabels postcode(String postcode, String city) {
        return new GroupLabels(postcode, city, null, null, null, null);
    }

    /** The groups {@code change} changed, and only those: what was changed before it is drained first. */
    private Set<String> changedBy(Runnable change) {
        totals.drainChangedGroups();
        change.run();
        return totals.drainChangedGroups();
    }

    private static StationState status(String id, int mechanical, int ebike, long lastUpdated, Long lastReported,
                                       long offset) {
        return new StationState(null, id, "c" + id, mechanical + ebike, mechanical, ebike, 20 - mechanical - ebike,
                lastReported, lastUpdated, offset);
    }

    @Test
    void oneStationReportedTenTimesCountsOnce() {
        for (int poll = 0; poll < 10; poll++) {
            totals.apply(status("A", 3, 2, T0 + poll * 60_000L, T0, poll));
        }
        GroupTotals group = totals.snapshot("75001").orElseThrow();
        assertEquals(1, group.stations());
        assertEquals(5, group.bikes(), "the original Spark job, summing every record, would say 50");
        assertEquals(3, group.mechanical());
        assertEquals(2, group.ebike());
        assertEquals(15, group.docks());
        assertEquals(20, group.capacity());
        assertEquals(T0 + 9 * 60_000L, group.timestamp());
    }

    @Test
    void sumsTheLatestStatusOfEachStationOfTheGroup() {
        totals.apply(status("A", 3, 2, T0, T0, 0));
        totals.apply(status("B", 1, 1, T0, T0 - 5, 1));
        totals.apply(status("A", 0, 4, T0 + 60_000, T0, 2));
        GroupTotals group = totals.snapshot("75001").orElseThrow();
        assertEquals(new GroupTotals("75001", postcode("75001", "Paris"), 2, 6, 1, 5, 34, 40, T0 + 60_000, T0), group);
    }

    @Test
    void olderRecordArrivingLateChangesNothing() {
        totals.apply(status("A", 3, 2, T0 + 60_000, T0, 5));
        Set<String> changed = changedBy(() -> totals.apply(status("A", 9, 9, T0, T0, 6)));
        assertEquals(Set.of(), changed);
        assertEquals(5, totals.snapshot("75001").orElseThrow().bikes());
    }

    @Test
    void lastReportedGoingBackwardsInANewerFeedUpdateIsStillApplied() {
        totals.apply(status("A", 3, 2, T0, T0 - 1_000, 0));
        totals.apply(status("A", 1, 0, T0 + 60_000, T0 - 900_000, 1));
        assertEquals(1, totals.snapshot("75001").orElseThrow().bikes());
        assertEquals(T0 - 900_000, totals.snapshot("75001").orElseThrow().lastReported());
    }

    @Test
    void withinOneFeedUpdateNewestLastReportedThenOffsetWins() {
        totals.apply(status("A", 3, 2, T0, T0, 7));
        assertEquals(Set.of(), changedBy(() -> totals.apply(status("A", 9, 0, T0, T0 - 1, 8))),
                "older last_reported loses");
        assertEquals(Set.of("75001"), changedBy(() -> totals.apply(status("A", 1, 0, T0, T0, 8))),
                "same times, later offset wins");
        assertEquals(Set.of(), changedBy(() -> totals.apply(status("A", 1, 0, T0, T0, 8))),
                "a replay of the same record is a no-op");
        assertEquals(1, totals.snapshot("75001").orElseThrow().bikes());
    }

    @Test
    void stationMovingGroupLeavesTheOldSumInTheSameUpdateAndEmptiedGroupIsATombstone() {
        totals.apply(status("A", 3, 2, T0, T0, 0));
        totals.apply(status("C", 1, 0, T0, T0, 1));
        postcodeOf.put("C", "75001");
        Set<String> changed = changedBy(() -> totals.replace("C"));
        assertEquals(Set.of("75001", "75002"), changed);
        assertEquals(Optional.empty(), totals.snapshot("75002"), "75002 is empty: a tombstone");
        GroupTotals group = totals.snapshot("75001").orElseThrow();
        assertEquals(2, group.stations());
        assertEquals(6, group.bikes());
        assertEquals(Set.of("75001"), totals.groups());
    }

    @Test
    void timesAreTheNewestOfTheStationsStillInTheGroup() {
        totals.apply(status("A", 3, 2, T0 + 60_000, T0 + 5, 0));
        totals.apply(status("B", 1, 1, T0, T0, 1));
        assertEquals(T0 + 60_000, totals.snapshot("75001").orElseThrow().timestamp());
        postcodeOf.put("A", "75002");
        totals.replace("A");
        GroupTotals left = totals.snapshot("75001").orElseThrow();
        assertEquals(T0, left.timestamp(), "A's newer time left with A");
        assertEquals(T0, left.lastReported());
        totals.apply(status("B", 1, 1, T0 + 120_000, null, 2));
        assertNull(totals.snapshot("75001").orElseThrow().lastReported(), "B reports no last_reported any more");
        assertEquals(T0 + 120_000, totals.snapshot("75001").orElseThrow().timestamp());
    }

    @Test
    void unknownStationsAreCountedInTheUnknownGroup() {
        totals.apply(status("Z", 2, 0, T0, null, 0));
        GroupTotals unknown = totals.snapshot("unknown").orElseThrow();
        assertEquals(1, unknown.stations());
        assertEquals(2, unknown.bikes());
        assertEquals(0, unknown.capacity());
        assertNull(unknown.lastReported());
        assertEquals(1, totals.stationsIn("unknown"));
        totals.remove("Z");
        assertEquals(0, totals.stationsIn("unknown"), "the unknown-stations metric follows removals");
    }

    @Test
    void removingTheLastStationEmptiesTheGroup() {
        totals.apply(status("C", 1, 0, T0, T0, 0));
        assertEquals(Set.of("75002"), changedBy(() -> totals.remove("C")));
        assertTrue(totals.snapshot("75002").isEmpty());
        assertEquals(0, totals.size());
        assertEquals(List.of(), List.copyOf(totals.groups()));
    }

    @Test
    void aTombstoneKeyFindsTheStationWhichLeavesItsGroupAndEmptiesIt() {
        totals.apply(status("A", 3, 2, T0, T0, 0));
        totals.apply(status("B", 1, 1, T0 + 60_000, T0, 1));
        totals.apply(status("C", 1, 0, T0, T0, 2));

        assertEquals("B", totals.station("cB"));
        assertEquals(Set.of("75001"), changedBy(() -> totals.remove(totals.station("cB"))));
        assertEquals(new GroupTotals("75001", postcode("75001", "Paris"), 1, 5, 3, 2, 15, 20, T0, T0),
                totals.snapshot("75001").orElseThrow(), "B's bikes, docks, capacity and newer time left with it");
        assertEquals(Set.of("75002"), changedBy(() -> totals.remove(totals.station("cC"))));
        assertEquals(Optional.empty(), totals.snapshot("75002"), "75002 is empty: a tombstone");
        assertNull(totals.station("cC"));
        assertEquals(1, totals.size());
    }

    @Test
    void aTombstoneForAnUnknownKeyChangesNothing() {
        totals.apply(status("A", 3, 2, T0, T0, 0));
        assertNull(totals.station("c-never-seen"));
        assertNull(totals.station("A"), "the key is the code, not the station_id");
        assertEquals(Set.of(), changedBy(() -> totals.remove("never-seen")));
        assertEquals(5, totals.snapshot("75001").orElseThrow().bikes());
    }

    @Test
    void aStationWithoutCodeIsKeyedByItsIdAndAReturningStationCountsAsNew() {
        totals.apply(new StationState(null, "A", null, 4, 4, 0, 16, T0, T0 + 60_000, 0));
        assertEquals("A", totals.station("A"));
        totals.remove("A");
        assertEquals(Set.of("unknown", "75001"), changedBy(() -> totals.apply(status("A", 1, 0, T0, T0, 1))),
                "applied in offset order: an older last_updated after the removal is a new station");
        assertEquals("A", totals.station("cA"));
        assertNull(totals.station("A"), "the old key is forgotten");
        assertEquals(1, totals.snapshot("75001").orElseThrow().bikes());
    }

    @Test
    void theChangedGroupsAreThoseSinceTheyWereLastDrainedInTheOrderTheyChanged() {
        totals.apply(status("C", 1, 0, T0, T0, 0));
        totals.apply(status("A", 3, 2, T0, T0, 1));
        totals.apply(status("C", 2, 0, T0 + 60_000, T0, 2));
        assertEquals(List.of("unknown", "75002", "75001"), List.copyOf(totals.drainChangedGroups()),
                "a new station's system's unknown group first");
        assertEquals(Set.of(), totals.drainChangedGroups(), "drained: nothing changed since");
        totals.apply(status("A", 9, 9, T0 - 60_000, T0, 3));
        assertEquals(Set.of(), totals.drainChangedGroups(), "an older status changes nothing");
    }

    @Test
    void handedOverStationsLeaveTheirGroupsWhichAreNotReportedAsChanged() {
        totals.apply(status("A", 3, 2, T0, T0, 0));
        totals.apply(status("B", 1, 1, T0, T0, 1));
        totals.apply(status("C", 1, 0, T0, T0, 2));
        assertEquals(Set.of("75001"), totals.handOver(List.of("A", "B", "never-seen")));
        assertEquals(Set.of("unknown", "75002"), totals.drainChangedGroups(), "75001 is the new owner's to write");
        assertEquals(Optional.empty(), totals.snapshot("75001"));
        assertNull(totals.station("cA"), "its record keys are forgotten too");
        assertEquals(1, totals.size());
    }

    @Test
    void aStationRestoredIntoItsRealGroupFromTheUnknownGroupItWasPublishedInEmptiesTheUnknownGroup() {
        // the previous owner counted A before its information arrived; this task knows A's postcode
        Set<String> changed = changedBy(() -> totals.restore(status("A", 3, 2, T0, T0, 0), "unknown", null));
        assertEquals(Set.of("75001", "unknown"), changed, "unknown still counts A in the output");
        assertEquals(Optional.empty(), totals.snapshot("unknown"), "no station held in unknown: a tombstone");
        assertEquals(1, totals.snapshot("75001").orElseThrow().stations());

        totals.restore(status("Z", 1, 0, T0, T0, 1), "unknown", null);
        changed = changedBy(() -> totals.restore(status("B", 1, 1, T0, T0, 2), "unknown", null));
        assertEquals(Set.of("75001", "unknown"), changed);
        assertEquals(1, totals.snapshot("unknown").orElseThrow().stations(), "Z is still unknown: its total");
    }

    @Test
    void aNewStationHasItsSystemsUnknownGroupWrittenAgainWhereAnOwnerWithoutItsMetadataMayHaveCountedIt() {
        assertEquals(Set.of("unknown", "75001"), changedBy(() -> totals.apply(status("A", 3, 2, T0, T0, 0))),
                "an owner that crashed before recording A may have counted it in unknown");
        assertEquals(Optional.empty(), totals.snapshot("unknown"), "none held there: a tombstone");
        assertEquals(Set.of("75001"), changedBy(() -> totals.apply(status("A", 4, 2, T0 + 60_000, T0, 1))),
                "a station already held changes its own group only");
        Totals systems = new Totals((system, id, code) -> new Placement(SystemScopedKey.of(system, "75001"),
                postcode("75001", "Paris"), 20), GroupKey.SYSTEM_GROUP, "unknown");
        systems.apply(new StationState("b", "A", "cA", 1, 1, 0, 20, T0, T0, 0));
        assertEquals(Set.of("b/unknown", "b/75001"), systems.drainChangedGroups(), "the station's own system's");
    }

    @Test
    void aStationRestoredWhereItsEntrySaysOrFromAnEntryWithoutGroupChangesOnlyItsGroup() {
        assertEquals(Set.of("75001"), changedBy(() -> totals.restore(status("A", 3, 2, T0, T0, 0), "75001", null)));
        assertEquals(Set.of("75002"), changedBy(() -> totals.restore(status("C", 1, 0, T0, T0, 1), null, null)),
                "an entry of an earlier version restores as it did");
    }

    @Test
    void aMetadataMoveIsReportedSoTheEntryRecordsTheNewGroupWhichARestoreFollows() {
        totals.apply(status("A", 3, 2, T0, T0, 0));
        assertFalse(totals.replace("A"), "same postcode: the entry's group stands");
        assertFalse(totals.replace("never-seen"));
        postcodeOf.put("A", "75002");
        assertTrue(totals.replace("A"), "moved: its entry is written again with 75002");
        assertEquals("75002", totals.placement("A").group());

        // the new owner still reads the old postcode for A (its metadata lags): 75002, published last, is rewritten
        postcodeOf.put("A", "75001");
        Totals next = new Totals((system, id, code) -> new Placement(postcodeOf.get(id),
                postcode(postcodeOf.get(id), "Paris"), 20), GroupKey.GROUP, "unknown");
        next.restore(totals.state("A"), totals.placement("A").group(), null);
        assertEquals(Set.of("75001", "75002"), next.drainChangedGroups());
        assertEquals(Optional.empty(), next.snapshot("75002"));
    }

    @Test
    void aStationRestoredFromAnEntryWrittenBeforeItsMoveWasPublishedHasBothItsGroupsWritten() {
        // the owner moved A from 75001 to 75002 and was killed before the totals of 75001 without A were durable;
        // this task places A in 75003
        postcodeOf.put("A", "75003");
        Set<String> changed = changedBy(() -> totals.restore(status("A", 3, 2, T0, T0, 0), "75002", "75001"));
        assertEquals(Set.of("75001", "75002", "75003"), changed);
        assertEquals(Optional.empty(), totals.snapshot("75001"));
        assertEquals(Optional.empty(), totals.snapshot("75002"));
    }
}

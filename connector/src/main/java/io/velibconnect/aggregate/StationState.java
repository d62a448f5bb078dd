package io.velibconnect.aggregate;

import java.util.Comparator;

/**
 * The part of one station's status that the totals need, plus the fields that order two statuses of the same
 * station.
 *
 * <p>Order: {@code (lastUpdated, lastReported, offset)}, lexicographic. This deliberately deviates from a plain
 * "newest {@code last_reported} wins": Vélib' refreshes {@code last_reported} only about once an hour while the
 * counts change every minute, and for 23–31 stations per snapshot it even goes backwards for one snapshot
 * (docs/design.md, "What the recorded feeds show"). Ordering by {@code last_reported} would drop
 * those real updates. {@code lastUpdated} is the feed's envelope time, so the newest feed update wins; within one
 * feed update the newest {@code last_reported} wins; records still tied are ordered by their offset in the input
 * partition (a station is keyed by its code, so all its records share one partition). A record that is not
 * strictly newer than the one held changes nothing, which also makes replays after a restart no-ops.
 *
 * @param systemId      the station's GBFS system, or null when the record names none (older sources, and the
 *                      changelog entries they led to)
 * @param stationId     the feed's stable station id (identity of the station within its system)
 * @param stationCode   Vélib's short code, or null
 * @param lastReported  epoch millis, or null when the feed has none
 * @param lastUpdated   epoch millis of the feed update that carried this status
 * @param offset        offset of the record in its input partition
 */
public record StationState(String systemId, String stationId, String stationCode, int bikes, int mechanical,
                           int ebike, int docks, Long lastReported, long lastUpdated, long offset) {

    private static final Comparator<StationState> ORDER = Comparator
            .comparingLong(StationState::lastUpdated)
            .thenComparingLong(s -> s.lastReported() == null ? Long.MIN_VALUE : s.lastReported())
            .thenComparingLong(StationState::offset);

    public StationState {
        if (stationId == null || stationId.isEmpty()) {
            throw new IllegalArgumentException("a station state needs a station_id");
        }
    }

    /** True when this status should replace {@code held}, the one currently kept for the same station. */
    public boolean supersedes(StationState held) {
        return held == null || ORDER.compare(this, held) > 0;
    }
}

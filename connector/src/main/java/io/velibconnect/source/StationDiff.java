package io.velibconnect.source;

import io.velibconnect.gbfs.Rejection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Which stations of a new snapshot differ from the versions last emitted. Pure. A station is compared on its whole
 * content (counts, flags and last_reported), never on last_reported alone: Vélib' refreshes last_reported about
 * hourly while counts change every minute, and last_reported even goes backwards between two snapshots
 * (docs/design.md, "What the recorded feeds show"). The emitted versions are kept as 64-bit
 * {@link io.velibconnect.gbfs.ContentFingerprint}s of that content, which is what the source offsets store too
 * (see {@link EmittedDigest}).
 *
 * <p>An emitted station absent from the new snapshot is removed (the source writes a tombstone for it), unless it
 * is absent because the parser rejected it: a bad field must not delete good data downstream. A rejection whose
 * key could not be read might be any station, so such a snapshot removes none. A station that is withheld
 * keeps its fingerprint, so a later snapshot still removes it, and its return unchanged is not re-sent.
 */
public final class StationDiff {

    private StationDiff() {
    }

    /**
     * @param changed   the stations to emit, in feed order
     * @param removed   the keys of emitted stations gone from the snapshot, sorted: one tombstone each
     * @param emitted   the fingerprints after emitting them: those of every station of the snapshot and of the
     *                  withheld ones
     * @param unchanged how many stations were suppressed
     * @param withheld  how many emitted stations are absent but not removed (rejected, or a rejection without key)
     */
    public record Result<T>(List<T> changed, List<String> removed, Map<String, Long> emitted, int unchanged,
                            int withheld) {
    }

    /**
     * @param emitted    fingerprints of the versions already emitted, by record key
     * @param stations   the new snapshot's stations
     * @param fingerprint the {@link io.velibconnect.gbfs.ContentFingerprint} of a station's content
     * @param emitAll    emit every station, changed or not (as a plain poller does); removals are the same
     * @param rejections the snapshot's rejected stations, never removed
     */
    public static <T> Result<T> diff(Map<String, Long> emitted, List<T> stations, Function<T, String> key,
                                     ToLongFunction<T> fingerprint, boolean emitAll, List<Rejection> rejections) {
        List<T> changed = new ArrayList<>();
        Map<String, Long> next = new HashMap<>(stations.size() * 2);
        int stillListed = 0; // emitted keys met again, each counted once
        for (T station : stations) {
            String stationKey = key.apply(station);
            long content = fingerprint.applyAsLong(station);
            Long previous = emitted.get(stationKey);
            boolean same = previous != null && previous == content;
            if (next.put(stationKey, same ? previous : Long.valueOf(content)) == null && previous != null) {
                stillListed++;
            }
            if (emitAll || !same) {
                changed.add(station);
            }
        }
        List<String> removed = new ArrayList<>();
        int withheld = 0;
        // the usual poll lists every emitted station again: then none is removed or withheld, and no lookup says so
        if (stillListed < emitted.size()) {
            Set<String> rejected = new HashSet<>();
            boolean anyUnmatched = false;
            for (Rejection rejection : rejections) {
                anyUnmatched |= rejection.key() == null;
                rejected.add(rejection.key());
            }
            for (Map.Entry<String, Long> previous : emitted.entrySet()) {
                if (next.containsKey(previous.getKey())) {
                    continue;
                }
                if (anyUnmatched || rejected.contains(previous.getKey())) {
                    next.put(previous.getKey(), previous.getValue());
                    withheld++;
                } else {
                    removed.add(previous.getKey());
                }
            }
        }
        removed.sort(null);
        return new Result<>(changed, removed, next, stations.size() - changed.size(), withheld);
    }
}

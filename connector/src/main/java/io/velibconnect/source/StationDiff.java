package io.velibconnect.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which stations of a new snapshot differ from the versions last emitted. Pure. A station is compared on its whole
 * content (counts, flags and last_reported), never on last_reported alone: Vélib' refreshes last_reported about
 * hourly while counts change every minute, and last_reported even goes backwards between two snapshots
 * (shared/data/velib/2024-12-15_InfoFlower-timeseries/SOURCES.md). The emitted versions are kept as 64-bit
 * FNV-1a fingerprints of that content, which is what the source offsets store too (see {@link EmittedDigest}).
 */
public final class StationDiff {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StationDiff() {
    }

    /**
     * @param changed   the stations to emit, in feed order
     * @param emitted   the fingerprints after emitting them: those of every station of the snapshot
     * @param unchanged how many stations were suppressed
     */
    public record Result<T>(List<T> changed, Map<String, Long> emitted, int unchanged) {
    }

    /**
     * @param emitted  fingerprints of the versions already emitted, by record key
     * @param stations the new snapshot's stations
     * @param emitAll  emit every station, changed or not (the seed's behaviour)
     */
    public static <T> Result<T> diff(Map<String, Long> emitted, List<T> stations, Function<T, String> key,
                                     Function<T, String> content, boolean emitAll) {
        List<T> changed = new ArrayList<>();
        Map<String, Long> next = new HashMap<>(stations.size() * 2);
        for (T station : stations) {
            String stationKey = key.apply(station);
            long fingerprint = fingerprint(content.apply(station));
            next.put(stationKey, fingerprint);
            Long previous = emitted.get(stationKey);
            if (emitAll || previous == null || previous != fingerprint) {
                changed.add(station);
            }
        }
        return new Result<>(changed, next, stations.size() - changed.size());
    }

    static long fingerprint(String content) {
        long hash = FNV_OFFSET;
        for (byte b : content.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }
}

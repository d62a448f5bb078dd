package io.velibconnect.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The source offset of one feed: its {@code last_updated} and a digest of what was emitted, so that a restart
 * neither floods (re-sends unchanged stations) nor misses a change made while it was down.
 *
 * <p>Why one digest string rather than one source partition per station: a partition per station would put
 * 1,500 offsets per feed in the offsets topic and make every restart read them all; a whole copy of the last
 * records would be ~400 KB. The digest is the map record key → 64-bit fingerprint of the emitted content,
 * written sorted as (UTF key, long) pairs, deflated and base64-encoded: ~21 KB for Vélib's 1,486 stations
 * (keys compress, fingerprints do not), far under the 1 MB record limit even for 2,500-station systems with
 * UUID ids. 64 bits makes a missed change (two contents with one fingerprint) negligible (~2^-64 per change).
 *
 * <p>Fingerprints do not compress, so one digest of 80,000+ stations would pass Kafka's 1 MB record limit and
 * offset commits (and exactly-once transactions) would fail. A feed's digest is therefore split by key into
 * {@value #SHARDS} shards, each the offset of its own source partition (~60 KB each at 150,000 stations): a
 * record carries the offset of its station's shard.
 */
public final class EmittedDigest {

    public static final String LAST_UPDATED = "last_updated";
    public static final String STATIONS = "stations";
    /** Fixed: a station's shard must be the same in every run, or a restart would not find its fingerprint. */
    public static final int SHARDS = 32;

    private EmittedDigest() {
    }

    /** The offset map of a feed whose snapshot of {@code lastUpdatedMs} was emitted up to {@code emitted}. */
    public static Map<String, Object> offset(long lastUpdatedMs, Map<String, Long> emitted) {
        return Map.of(LAST_UPDATED, lastUpdatedMs, STATIONS, encode(emitted));
    }

    /** The feed time of an offset map, -1 where there is none. */
    public static long lastUpdated(Map<String, ?> offset) {
        return offset != null && offset.get(LAST_UPDATED) instanceof Number n ? n.longValue() : -1;
    }

    /** The emitted fingerprints of an offset map, empty where there is none or it cannot be read. */
    public static Map<String, Long> emitted(Map<String, ?> offset) {
        if (offset == null || !(offset.get(STATIONS) instanceof String encoded)) {
            return Map.of();
        }
        return decode(encoded);
    }

    /** The shard of a record key, stable across runs and JVMs ({@link String#hashCode()} is specified). */
    public static int shard(String key) {
        return Math.floorMod(key.hashCode(), SHARDS);
    }

    /** {@code emitted} split by {@link #shard(String)}; shards without stations are absent. */
    public static Map<Integer, Map<String, Long>> split(Map<String, Long> emitted) {
        Map<Integer, Map<String, Long>> shards = new HashMap<>();
        emitted.forEach((key, fingerprint) -> shards.computeIfAbsent(shard(key), s -> new HashMap<>())
                .put(key, fingerprint));
        return shards;
    }

    static String encode(Map<String, Long> emitted) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeInt(emitted.size());
            for (Map.Entry<String, Long> entry : new TreeMap<>(emitted).entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeLong(entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** A stored digest, or empty when it cannot be read: the feed's stations are then emitted again. */
    static Map<String, Long> decode(String encoded) {
        try {
            return parse(encoded);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    /**
     * Reads a digest strictly, for offsets a user submits: what {@link #decode} would silently drop is refused.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static Map<String, Long> parse(String encoded) {
        byte[] deflated;
        try {
            deflated = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + STATIONS + "' is not base64: " + e.getMessage());
        }
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(deflated)))) {
            int size = in.readInt();
            if (size < 0) {
                throw new IllegalArgumentException("'" + STATIONS + "' claims " + size + " stations");
            }
            Map<String, Long> emitted = new HashMap<>();
            for (int i = 0; i < size; i++) {
                emitted.put(in.readUTF(), in.readLong());
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("'" + STATIONS + "' has data after its " + size + " stations");
            }
            return emitted;
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + STATIONS + "' is not a digest written by this connector ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}

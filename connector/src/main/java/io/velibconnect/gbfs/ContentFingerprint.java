package io.velibconnect.gbfs;

/**
 * A 64-bit fingerprint of a station's content, built field by field: what the source stores per emitted station
 * (in its offsets) and compares to judge a change. Pure: {@code finish(field(field(start(), a), b))}.
 *
 * <p>Each field goes through rounds of a multiply-rotate mix: a string as its length, then four characters a round;
 * a count, time or flag in one round, null as a value no field of that kind holds. A round is a bijection of the
 * hash, so contents that differ in one field never share a fingerprint; a final avalanche spreads every bit. A poll
 * fingerprints every station (1,500 for Vélib'), so the rounds are few and short: a byte-wise hash of the content
 * text costs several times as much.
 *
 * <p>Offsets hold these values: a change to this function makes every station look changed once, and the first
 * poll after an upgrade that brings one re-sends every station.
 */
public final class ContentFingerprint {

    private static final long SEED = 0x27d4eb2f165667c5L;
    /** Odd, so that multiplying is a bijection. */
    private static final long MULTIPLIER = 0x9e3779b97f4a7c15L;
    private static final long SPREAD = 0xc2b2ae3d27d4eb4fL;
    /** No count, time or string length is this. */
    private static final long NULL = Long.MIN_VALUE;
    private static final int CHARS_PER_ROUND = 4;

    private ContentFingerprint() {
    }

    /** The hash before any field. */
    static long start() {
        return SEED;
    }

    static long field(long hash, String value) {
        if (value == null) {
            return round(hash, NULL);
        }
        int length = value.length();
        hash = round(hash, length);
        int i = 0;
        for (; i + CHARS_PER_ROUND <= length; i += CHARS_PER_ROUND) {
            hash = round(hash, value.charAt(i) | (long) value.charAt(i + 1) << 16
                    | (long) value.charAt(i + 2) << 32 | (long) value.charAt(i + 3) << 48);
        }
        if (i < length) {
            long rest = 0;
            for (int shift = 0; i < length; i++, shift += 16) {
                rest |= (long) value.charAt(i) << shift;
            }
            hash = round(hash, rest);
        }
        return hash;
    }

    static long field(long hash, Integer value) {
        return round(hash, value == null ? NULL : value);
    }

    static long field(long hash, Long value) {
        return round(hash, value == null ? NULL : value);
    }

    static long field(long hash, double value) {
        return round(hash, Double.doubleToLongBits(value));
    }

    static long field(long hash, Boolean value) {
        return round(hash, value == null ? 2 : value ? 1 : 0);
    }

    /** The fingerprint of the fields hashed so far. */
    static long finish(long hash) {
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        return hash ^ hash >>> 33;
    }

    private static long round(long hash, long value) {
        return Long.rotateLeft(hash ^ value * SPREAD, 29) * MULTIPLIER;
    }
}

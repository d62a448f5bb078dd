package io.velibconnect.gbfs;

import java.nio.charset.StandardCharsets;

/**
 * The 64-bit FNV-1a hash of a station's content text (its fields joined by {@code |}, a null field written
 * {@code null}) in UTF-8: what the source stores per emitted station and compares to judge a change. The fields
 * are hashed as they would be written, without building the text: a poll fingerprints every station, and the
 * value must stay the one stored in existing offsets, or every station would look changed after an upgrade.
 * Pure functions of the hash so far: {@code field(field(start(a), b), c)} is the hash of {@code "a|b|c"}.
 */
public final class ContentFingerprint {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final byte SEPARATOR = '|';
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private ContentFingerprint() {
    }

    /** The fingerprint of a whole content text. */
    public static long of(String content) {
        return text(FNV_OFFSET, content);
    }

    /** The hash of a content whose first field is {@code first}. */
    static long start(String first) {
        return text(FNV_OFFSET, String.valueOf(first));
    }

    /** The hash after appending {@code |} and the field, as {@link String#valueOf(Object)} writes it. */
    static long field(long hash, String value) {
        return value == null ? bytes(separated(hash), NULL) : text(separated(hash), value);
    }

    static long field(long hash, Integer value) {
        return value == null ? bytes(separated(hash), NULL) : digits(separated(hash), value);
    }

    static long field(long hash, long value) {
        return digits(separated(hash), value);
    }

    static long field(long hash, Boolean value) {
        return bytes(separated(hash), value == null ? NULL : value ? TRUE : FALSE);
    }

    private static long separated(long hash) {
        return add(hash, SEPARATOR);
    }

    private static long add(long hash, int b) {
        return (hash ^ (b & 0xff)) * FNV_PRIME;
    }

    private static long bytes(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash = add(hash, b);
        }
        return hash;
    }

    /**
     * Decimal digits as {@link Long#toString(long)} writes them. Counts and times (below 10^16) are split into
     * digits by constant divisions, which compile to multiplications, least significant first into the nibbles of
     * a long, then hashed most significant first; other values take the slower general way.
     */
    private static long digits(long hash, long value) {
        if (value < 0 || value >= 10_000_000_000_000_000L) {
            return anyDigits(hash, value);
        }
        long nibbles = 0;
        int count = 0;
        do {
            nibbles = nibbles << 4 | value % 10;
            value /= 10;
            count++;
        } while (value > 0);
        for (; count > 0; count--, nibbles >>>= 4) {
            hash = add(hash, '0' + (int) (nibbles & 0xf));
        }
        return hash;
    }

    /** Decimal digits of any long, worked on the negative side so that MIN_VALUE fits. */
    private static long anyDigits(long hash, long value) {
        long negative = value;
        if (value < 0) {
            hash = add(hash, '-');
        } else {
            negative = -value;
        }
        long power = 1;
        while (negative / power <= -10) {
            power *= 10;
        }
        for (; power > 0; power /= 10) {
            hash = add(hash, '0' - (int) (negative / power));
            negative %= power;
        }
        return hash;
    }

    /** The UTF-8 bytes {@link String#getBytes} would give, a lone surrogate written as {@code ?} as it does. */
    private static long text(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                hash = add(hash, c);
            } else if (c < 0x800) {
                hash = add(add(hash, 0xc0 | c >> 6), 0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                int code = Character.toCodePoint(c, text.charAt(++i));
                hash = add(add(add(add(hash, 0xf0 | code >> 18), 0x80 | code >> 12 & 0x3f),
                        0x80 | code >> 6 & 0x3f), 0x80 | code & 0x3f);
            } else if (Character.isSurrogate(c)) {
                hash = add(hash, '?');
            } else {
                hash = add(add(add(hash, 0xe0 | c >> 12), 0x80 | c >> 6 & 0x3f), 0x80 | c & 0x3f);
            }
        }
        return hash;
    }
}

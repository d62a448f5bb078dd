package io.velibconnect.records;

/**
 * A key qualified by its bike-share system, {@code <system_id>/<local key>}, as written for stations
 * ({@code station.key=system-code}) and for groups ({@code group.key=system-group}).
 *
 * <p>The system id is percent-escaped ({@code %} and {@code /} only), so the first {@code /} of a key always
 * ends the system part, whatever the local key holds: partitioning by system reads no further than that.
 */
public final class SystemScopedKey {

    private static final char SEPARATOR = '/';

    private SystemScopedKey() {
    }

    public static String of(String systemId, String localKey) {
        if (systemId == null || systemId.isEmpty()) {
            throw new IllegalArgumentException("a system-scoped key needs a system id");
        }
        return systemId.replace("%", "%25").replace("/", "%2F") + SEPARATOR + localKey;
    }

    /** The length in bytes of the escaped system part of a UTF-8 key, or -1 when the key has none. */
    public static int systemLength(byte[] utf8Key) {
        for (int i = 0; i < utf8Key.length; i++) {
            if (utf8Key[i] == SEPARATOR) {
                return i;
            }
        }
        return -1;
    }
}

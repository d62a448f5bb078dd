package io.velibconnect.records;

/** Reads a {@link SystemScopedKey} back into its parts, as a consumer of the records would. */
public final class SystemScopedKeys {

    private SystemScopedKeys() {
    }

    /** The system id of a key written by {@link SystemScopedKey#of}, or null when the key has no system part. */
    public static String systemOf(String key) {
        int end = key.indexOf('/');
        return end < 0 ? null : key.substring(0, end).replace("%2F", "/").replace("%25", "%");
    }

    /** The local part of a key written by {@link SystemScopedKey#of}, or the whole key without a system part. */
    public static String localOf(String key) {
        return key.substring(key.indexOf('/') + 1);
    }
}

package io.velibconnect.records;

import io.velibconnect.plugin.ConfigWords;

/**
 * How a station's record key is built ({@code station.key}), the one place of the rule "stationCode, else
 * station_id".
 *
 * <p>{@link #CODE} keys a station by that local key alone, which is unique only within one system.
 * {@link #SYSTEM_CODE} prefixes it with the system: {@code <system_id>/<stationCode or station_id>}, the system id
 * escaped by {@link SystemScopedKey} so that the first {@code /} always ends it, which is what
 * {@link SystemPartitioner} reads.
 */
public enum StationKey {
    CODE, SYSTEM_CODE;

    /** The station's key within its system: {@code stationCode} where the feed has codes, else {@code station_id}. */
    public static String local(String stationCode, String stationId) {
        return stationCode != null ? stationCode : stationId;
    }

    /** The record key of the station whose {@link #local} key is {@code localKey}, in system {@code systemId}. */
    public String recordKey(String systemId, String localKey) {
        return this == CODE ? localKey : SystemScopedKey.of(systemId, localKey);
    }

    /** The config value: {@code code} or {@code system-code}. */
    public String configValue() {
        return ConfigWords.of(this);
    }

    /** Reads a config value; throws IllegalArgumentException for any other word. */
    public static StationKey parse(String value) {
        return ConfigWords.parse(StationKey.class, value);
    }
}

package io.velibconnect.aggregate;

import java.util.List;

import io.velibconnect.plugin.ConfigWords;
import io.velibconnect.records.StationKey;
import io.velibconnect.records.SystemScopedKey;

/**
 * What identifies a station and a group in the aggregator ({@code group.key}).
 *
 * <p>{@link #GROUP} counts one system: a station is its {@code station_id} and a totals record is keyed by the
 * group alone, as the changelogs and output topics written before systems were told apart are. {@link #SYSTEM_GROUP}
 * counts several: a station is {@code (system_id, station_id)}, so two systems' station "1" are two stations, and
 * a totals record is keyed {@code <system_id>/<group>} ({@link SystemScopedKey}).
 */
public enum GroupKey {
    GROUP, SYSTEM_GROUP;

    /** The station's identity in the state (its {@link Totals} entry and changelog key). */
    public String station(String systemId, String stationId) {
        return this == GROUP ? stationId : SystemScopedKey.of(systemId, stationId);
    }

    /**
     * The keys the source may write the station's tombstone under. With several systems only station.key=system-code
     * tells them apart; one system may be polled with either station.key, so both of its keys name the station.
     */
    public List<String> recordKeys(String systemId, String stationCode, String stationId) {
        String local = StationKey.local(stationCode, stationId);
        String scoped = systemId == null ? null : StationKey.SYSTEM_CODE.recordKey(systemId, local);
        return this == SYSTEM_GROUP ? List.of(scoped) : scoped == null ? List.of(local) : List.of(local, scoped);
    }

    /** The key of the totals record of {@code group} in system {@code systemId}. */
    public String group(String systemId, String group) {
        return this == GROUP ? group : SystemScopedKey.of(systemId, group);
    }

    /** The config value: {@code group} or {@code system-group}. */
    public String configValue() {
        return ConfigWords.of(this);
    }

    /** Reads a config value; throws IllegalArgumentException for any other word. */
    public static GroupKey parse(String value) {
        return ConfigWords.parse(GroupKey.class, value);
    }
}

package io.velibconnect.aggregate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.source.StationRecords;
import io.velibconnect.records.StationSchemas;
import io.velibconnect.source.StationDiff;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * What the pipeline owes for the snapshots served so far, computed from the snapshots alone: each served station
 * version that differs from the one before it (the records the status topic must hold, as the worker's
 * JsonConverter writes them), and the totals of the stations' latest versions. A station keeps the time of the
 * snapshot that changed it, which is what its totals' {@code timestamp} is made of.
 */
final class ServedChanges {

    /** One station version the status topic must hold: its key and value as written. */
    record Version(String key, String value) {
        @Override
        public String toString() {
            return key + "@" + value.replaceAll(".*\"last_updated\":(\\d+).*", "$1");
        }
    }

    private final String topic;
    private final String systemId;
    private final JsonConverter converter = new JsonConverter();
    private Map<String, Long> fingerprints = Map.of();
    private final Map<String, StationStatus> latest = new HashMap<>();
    private final Map<Version, Integer> owed = new LinkedHashMap<>();
    private Instant lastChanged;

    ServedChanges(String topic, String systemId) {
        this.topic = topic;
        this.systemId = systemId;
        converter.configure(Map.of("schemas.enable", "true"), false);
    }

    /** Takes in the next served snapshot; returns the versions it owes (every station of the first one). */
    List<Version> serve(ReplayedSeries.Step step) {
        StationDiff.Result<StationStatus> diff = StationDiff.diff(fingerprints, step.stations(), StationStatus::key,
                StationStatus::fingerprint, false, List.of());
        fingerprints = diff.emitted();
        List<Version> versions = new ArrayList<>();
        for (StationStatus station : diff.changed()) {
            latest.put(station.key(), station);
            Version version = version(station);
            versions.add(version);
            owed.put(version, step.index());
        }
        if (!versions.isEmpty()) {
            lastChanged = step.lastUpdated();
        }
        return versions;
    }

    private Version version(StationStatus station) {
        byte[] value = converter.fromConnectData(topic, StationSchemas.STATUS, StationRecords.status(station, systemId));
        return new Version(station.key(), new String(value, StandardCharsets.UTF_8));
    }

    /** Every version owed so far, with the step that served it. */
    Map<Version, Integer> owed() {
        return owed;
    }

    /** The envelope time of the last snapshot that changed a station: where the source's offset must get to. */
    Instant lastChanged() {
        return lastChanged;
    }

    /** A fresh computation of the totals from the stations' latest versions. */
    Map<String, GroupTotals> totals() {
        return FreshTotals.of(systemId, List.copyOf(latest.values()), SeriesPipeline.METADATA);
    }
}

package io.velibconnect.gbfs;

import io.velibconnect.records.StationKey;

import java.time.Instant;
import java.util.Objects;

/**
 * One station's status at one feed update, in the shape every GBFS flavour is reduced to.
 *
 * @param stationId         the feed's {@code station_id}, a string even where the feed sends a JSON number
 * @param stationCode       Vélib's {@code stationCode} (e.g. {@code "16107"}, {@code "31024_relais"}), null elsewhere
 * @param numBikesAvailable bikes (GBFS 3.0: vehicles) available
 * @param mechanical        mechanical bikes available, null where the feed does not say
 * @param ebike             electric bikes available, null where the feed does not say
 * @param numDocksAvailable docks available, null where the feed has none (virtual stations)
 * @param isInstalled       null where the feed omits it
 * @param isRenting         null where the feed omits it
 * @param isReturning       null where the feed omits it
 * @param lastReported      the station's own report time, null where the feed omits it
 * @param lastUpdated       the feed's envelope time ({@code last_updated}, Vélib's {@code lastUpdatedOther})
 */
public record StationStatus(String stationId, String stationCode, int numBikesAvailable, Integer mechanical,
                            Integer ebike, Integer numDocksAvailable, Boolean isInstalled, Boolean isRenting,
                            Boolean isReturning, Instant lastReported, Instant lastUpdated) {

    public StationStatus {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
    }

    /** The same station at another feed update time. */
    public StationStatus withLastUpdated(Instant time) {
        return new StationStatus(stationId, stationCode, numBikesAvailable, mechanical, ebike, numDocksAvailable,
                isInstalled, isRenting, isReturning, lastReported, time);
    }

    /** The record key: {@code stationCode} where the feed has codes, else {@code station_id}. */
    public String key() {
        return StationKey.local(stationCode, stationId);
    }

    /**
     * What a change is judged on: the {@link ContentFingerprint} of everything the station reports, without the
     * feed's envelope time: station_id, stationCode, the counts, the three flags and last_reported's seconds.
     */
    public long fingerprint() {
        long hash = ContentFingerprint.start();
        hash = ContentFingerprint.field(hash, stationId);
        hash = ContentFingerprint.field(hash, stationCode);
        hash = ContentFingerprint.field(hash, numBikesAvailable);
        hash = ContentFingerprint.field(hash, mechanical);
        hash = ContentFingerprint.field(hash, ebike);
        hash = ContentFingerprint.field(hash, numDocksAvailable);
        hash = ContentFingerprint.field(hash, isInstalled);
        hash = ContentFingerprint.field(hash, isRenting);
        hash = ContentFingerprint.field(hash, isReturning);
        hash = ContentFingerprint.field(hash, lastReported == null ? null : lastReported.getEpochSecond());
        return ContentFingerprint.finish(hash);
    }
}

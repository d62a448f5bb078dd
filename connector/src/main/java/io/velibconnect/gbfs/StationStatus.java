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
     * What a change is judged on: a 64-bit {@link ContentFingerprint} of everything the station reports, without
     * the feed's envelope time. It is the FNV-1a of the text {@code station_id|stationCode|bikes|mechanical|ebike|
     * docks|is_installed|is_renting|is_returning|last_reported seconds} ("null" for an absent value), hashed field
     * by field without building that text, so the values stored in offsets by earlier versions still match.
     */
    public long fingerprint() {
        long hash = ContentFingerprint.start(stationId);
        hash = ContentFingerprint.field(hash, stationCode);
        hash = ContentFingerprint.field(hash, numBikesAvailable);
        hash = ContentFingerprint.field(hash, mechanical);
        hash = ContentFingerprint.field(hash, ebike);
        hash = ContentFingerprint.field(hash, numDocksAvailable);
        hash = ContentFingerprint.field(hash, isInstalled);
        hash = ContentFingerprint.field(hash, isRenting);
        hash = ContentFingerprint.field(hash, isReturning);
        return lastReported == null ? ContentFingerprint.field(hash, (String) null)
                : ContentFingerprint.field(hash, lastReported.getEpochSecond());
    }
}

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

    /** Everything the station reports, without the feed's envelope time: what a change is judged on. */
    public String content() {
        return String.join("|", stationId, String.valueOf(stationCode), String.valueOf(numBikesAvailable),
                String.valueOf(mechanical), String.valueOf(ebike), String.valueOf(numDocksAvailable),
                String.valueOf(isInstalled), String.valueOf(isRenting), String.valueOf(isReturning),
                String.valueOf(lastReported == null ? null : lastReported.getEpochSecond()));
    }

    /** The {@link ContentFingerprint} of {@link #content()}, hashed field by field without building the text. */
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

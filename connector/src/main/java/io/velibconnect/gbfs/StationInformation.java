package io.velibconnect.gbfs;

import io.velibconnect.records.StationKey;

import java.time.Instant;
import java.util.Objects;

/**
 * One station's static description at one feed update.
 *
 * @param stationId   the feed's {@code station_id}, a string even where the feed sends a JSON number
 * @param stationCode Vélib's {@code stationCode}, null elsewhere
 * @param name        the name (GBFS 3.0: the text in the chosen language)
 * @param lat         latitude
 * @param lon         longitude
 * @param capacity    null where the feed omits it; Vélib' sends 0 for some stations
 * @param postCode    null where the feed omits it; a string even where the feed sends a number (Bicing)
 * @param address     null where the feed omits it
 * @param regionId    null where the feed omits it
 * @param lastUpdated the feed's envelope time
 * @param regionName  the name system_regions gives {@code regionId}, null where there is none
 */
public record StationInformation(String stationId, String stationCode, String name, double lat, double lon,
                                 Integer capacity, String postCode, String address, String regionId,
                                 Instant lastUpdated, String regionName) {

    public StationInformation {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
    }

    /** A station as station_information alone describes it: its region not named yet. */
    public StationInformation(String stationId, String stationCode, String name, double lat, double lon,
                              Integer capacity, String postCode, String address, String regionId,
                              Instant lastUpdated) {
        this(stationId, stationCode, name, lat, lon, capacity, postCode, address, regionId, lastUpdated, null);
    }

    /** The same station at another feed update time. */
    public StationInformation withLastUpdated(Instant time) {
        return new StationInformation(stationId, stationCode, name, lat, lon, capacity, postCode, address, regionId,
                time, regionName);
    }

    /** The same station with its region named by the system's system_regions. */
    public StationInformation withRegionName(String name) {
        return new StationInformation(stationId, stationCode, this.name, lat, lon, capacity, postCode, address,
                regionId, lastUpdated, name);
    }

    /** The record key: {@code stationCode} where the feed has codes, else {@code station_id}. */
    public String key() {
        return StationKey.local(stationCode, stationId);
    }

    /**
     * What a change is judged on: the {@link ContentFingerprint} of everything the feeds say about the station,
     * without the envelope time.
     */
    public long fingerprint() {
        long hash = ContentFingerprint.start();
        hash = ContentFingerprint.field(hash, stationId);
        hash = ContentFingerprint.field(hash, stationCode);
        hash = ContentFingerprint.field(hash, name);
        hash = ContentFingerprint.field(hash, lat);
        hash = ContentFingerprint.field(hash, lon);
        hash = ContentFingerprint.field(hash, capacity);
        hash = ContentFingerprint.field(hash, postCode);
        hash = ContentFingerprint.field(hash, address);
        hash = ContentFingerprint.field(hash, regionId);
        hash = ContentFingerprint.field(hash, regionName);
        return ContentFingerprint.finish(hash);
    }
}

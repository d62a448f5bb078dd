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
 */
public record StationInformation(String stationId, String stationCode, String name, double lat, double lon,
                                 Integer capacity, String postCode, String address, String regionId,
                                 Instant lastUpdated) {

    public StationInformation {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
    }

    /** The same station at another feed update time. */
    public StationInformation withLastUpdated(Instant time) {
        return new StationInformation(stationId, stationCode, name, lat, lon, capacity, postCode, address, regionId,
                time);
    }

    /** The record key: {@code stationCode} where the feed has codes, else {@code station_id}. */
    public String key() {
        return StationKey.local(stationCode, stationId);
    }

    /** Everything the feed says about the station, without the envelope time: what a change is judged on. */
    public String content() {
        return String.join("|", stationId, String.valueOf(stationCode), String.valueOf(name),
                Double.toString(lat), Double.toString(lon), String.valueOf(capacity), String.valueOf(postCode),
                String.valueOf(address), String.valueOf(regionId));
    }
}

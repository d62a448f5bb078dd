package io.velibconnect.gbfs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where Vélib' Métropole (Smoove) departs from GBFS, in one place:
 * <ul>
 *   <li>the envelope time is {@code lastUpdatedOther}, not {@code last_updated}; there is no {@code version};</li>
 *   <li>{@code station_id} is a JSON integer, up to 21,130,527,571 (beyond int32): kept as the integer's digits;</li>
 *   <li>{@code stationCode} is the public station number and the record key; it may carry a suffix
 *       ({@code "31024_relais"}, {@code "7101_Relais"}) and is kept verbatim, never parsed as a number;</li>
 *   <li>{@code numBikesAvailable}/{@code numDocksAvailable} duplicate the snake_case counts: the snake_case
 *       value wins, the camelCase one is read only where the snake_case one is absent;</li>
 *   <li>{@code num_bikes_available_types} is a list of single-key objects (see {@link BikeTypes}).</li>
 * </ul>
 */
final class VelibQuirks {

    static final String STATION_CODE = "stationCode";
    static final String LAST_UPDATED_OTHER = "lastUpdatedOther";

    private VelibQuirks() {
    }

    /** The envelope time field: GBFS {@code last_updated}, else Vélib's {@code lastUpdatedOther}. */
    static JsonNode envelopeTime(JsonNode lastUpdated, JsonNode lastUpdatedOther) {
        return lastUpdated != null && !lastUpdated.isNull() ? lastUpdated : lastUpdatedOther;
    }

    /** The first of {@code fields} that is present; the later ones are Vélib' duplicates or other versions' names. */
    static String firstPresent(StationReader station, String... fields) {
        for (String field : fields) {
            if (station.has(field)) {
                return field;
            }
        }
        return fields[0];
    }
}

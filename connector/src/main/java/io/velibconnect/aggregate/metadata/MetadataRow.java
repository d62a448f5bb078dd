package io.velibconnect.aggregate.metadata;

/**
 * One row of a station metadata CSV, such as the Vélib' {@code stations_information.csv}:
 * {@code stationCode,station_id,postcode,city}.
 */
public record MetadataRow(String stationCode, String stationId, String postcode, String city) {
}

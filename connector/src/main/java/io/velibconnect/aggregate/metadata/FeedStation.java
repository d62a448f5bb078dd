package io.velibconnect.aggregate.metadata;

/**
 * What the aggregator keeps of one station_information record (the compacted information topic).
 *
 * @param systemId   the station's system, or null when the record names none
 * @param postCode   the feed's {@code post_code}, or null (Vélib' publishes none)
 * @param capacity   the station's capacity, or 0 when the feed has none
 * @param lat        latitude, or null
 * @param lon        longitude, or null
 * @param regionId   the GBFS {@code region_id}, or null
 * @param regionName the region's name, or null
 */
public record FeedStation(String systemId, String stationId, String stationCode, String postCode, int capacity,
                          Double lat, Double lon, String regionId, String regionName) {
}

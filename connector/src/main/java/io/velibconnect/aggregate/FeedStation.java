package io.velibconnect.aggregate;

/**
 * What the aggregator keeps of one station_information record (the compacted information topic).
 *
 * @param postCode the feed's {@code post_code}, or null (Vélib' publishes none)
 * @param capacity the station's capacity, or 0 when the feed has none
 */
public record FeedStation(String stationId, String stationCode, String postCode, int capacity) {
}

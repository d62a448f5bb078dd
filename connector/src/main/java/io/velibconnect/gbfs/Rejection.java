package io.velibconnect.gbfs;

/**
 * A station the parser could not turn into a record, and why.
 *
 * @param stationId the station's id as far as it could be read, escaped and shortened for a log line
 *                  ({@code "#<index>"} when even that failed)
 * @param key       the station's record key (stationCode, else station_id) as far as it could be read, null when
 *                  it could not: the source then cannot tell which emitted station this is, so removes none
 * @param reason    what was wrong, naming the field; feed text in it is escaped and shortened
 */
public record Rejection(String stationId, String key, String reason) {
}

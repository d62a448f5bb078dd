package io.velibconnect.gbfs;

/**
 * A station the parser could not turn into a record, and why.
 *
 * @param stationId the station's id as far as it could be read ({@code "#<index>"} when even that failed)
 * @param reason    what was wrong, naming the field
 */
public record Rejection(String stationId, String reason) {
}

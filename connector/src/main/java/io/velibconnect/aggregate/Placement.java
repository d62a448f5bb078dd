package io.velibconnect.aggregate;

/**
 * Where a station's status is counted: its group, the labels written with that group's totals, and the capacity
 * it adds to the group.
 *
 * @param group    the key of the totals record (a postcode, a city or the unknown bucket)
 * @param postcode the postcode label of the group, or null
 * @param city     the city label of the group, or null
 * @param capacity the station's capacity (0 when no information is known)
 */
public record Placement(String group, String postcode, String city, int capacity) {
}

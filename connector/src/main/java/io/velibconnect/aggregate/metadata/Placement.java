package io.velibconnect.aggregate.metadata;

import io.velibconnect.aggregate.GroupLabels;

/**
 * Where a station's status is counted: its group, the labels written with that group's totals, and the capacity
 * it adds to the group.
 *
 * @param group    the key of the totals record (a postcode, a city, a region, an H3 cell or the unknown group,
 *                 system-scoped with group.key=system-group)
 * @param capacity the station's capacity (0 when no information is known)
 */
public record Placement(String group, GroupLabels labels, int capacity) {
}

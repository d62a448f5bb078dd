package io.velibconnect.aggregate;

/**
 * The labels written with a group's totals: the field named after group.by holds the group (or the unknown group's
 * name), the others what is known alongside it; each may be null.
 *
 * @param region     the GBFS {@code region_id}
 * @param regionName the region's name ({@code region_name} of the information record)
 * @param h3         the H3 cell address
 * @param systemId   the GBFS system the group's stations belong to
 */
public record GroupLabels(String postcode, String city, String region, String regionName, String h3,
                          String systemId) {
}

package io.velibconnect.aggregate;

import io.velibconnect.plugin.ConfigWords;

/**
 * What the totals are grouped by ({@code group.by}): the CSV's or the feed's postcode, the CSV's city, the GBFS
 * region of the station ({@code region_id}), or the H3 cell of its position.
 */
public enum GroupBy {
    POSTCODE, CITY, REGION, H3;

    /** True when the group comes only from the information topic (region_id, lat/lon), never from the CSV. */
    public boolean needsInformationTopic() {
        return this == REGION || this == H3;
    }

    /** The config value, which is also the name of the totals field holding the group. */
    public String configValue() {
        return ConfigWords.of(this);
    }

    public static GroupBy parse(String value) {
        return ConfigWords.parse(GroupBy.class, value);
    }
}

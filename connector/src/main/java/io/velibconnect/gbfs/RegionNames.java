package io.velibconnect.gbfs;

import java.util.List;
import java.util.Map;

/**
 * The region names of one system_regions body.
 *
 * @param names      region name by region_id; a region without a usable name is absent
 * @param rejections the regions that could not be read (id or name of the wrong type or too long, a repeated id)
 */
public record RegionNames(Map<String, String> names, List<Rejection> rejections) {

    public static final RegionNames NONE = new RegionNames(Map.of(), List.of());

    public RegionNames {
        names = Map.copyOf(names);
        rejections = List.copyOf(rejections);
    }

    /** The name of {@code regionId}, null where the region has none or the station names no region. */
    public String of(String regionId) {
        return regionId == null ? null : names.get(regionId);
    }
}

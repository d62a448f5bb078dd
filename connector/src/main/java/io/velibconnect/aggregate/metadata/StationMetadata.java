package io.velibconnect.aggregate.metadata;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.velibconnect.aggregate.GroupBy;
import io.velibconnect.aggregate.GroupKey;
import io.velibconnect.aggregate.GroupLabels;
import io.velibconnect.aggregate.Grouping;

/**
 * The station metadata table: the Vélib' station metadata CSV joined with the feed's station_information (the
 * compacted information topic, read as a global table and kept current).
 *
 * <p>The CSV describes one system's stations (Vélib'): with {@code csvSystem} null it applies to every station
 * (group.key=group, one system), else only to the stations of that system, so a Vélib' code never places another
 * system's station. A station is matched to a CSV row by {@code station_id} first, then by {@code stationCode}.
 * The id wins because it is the feed's stable identifier of a station, while codes are re-used and re-spelled:
 * the velib-metadata SOURCES notes 3 rows whose CSV {@code stationCode} disagrees with the feed's for the same
 * {@code station_id}. The code is only a fallback for stations whose id the CSV does not know. When no CSV row
 * (or one without a postcode) matches, the feed's {@code post_code} is used; else the station goes to the
 * unknown group (about 6% of today's Vélib' stations are missing from the CSV).
 *
 * <p>Regions ({@code region_id}) and H3 cells (of lat/lon) come from the information topic only.
 *
 * <p>A group's labels are fixed per group so every record of a group carries the same city: for a postcode the
 * city is the one most CSV rows of that postcode name (ties: alphabetical first).
 */
public final class StationMetadata implements Placements {

    private final Grouping grouping;
    private final String csvSystem;
    private final H3Cells cells;
    private final Map<String, MetadataRow> csvById = new HashMap<>();
    private final Map<String, MetadataRow> csvByCode = new HashMap<>();
    private final Map<String, String> cityByPostcode;
    private final Map<String, FeedStation> feed = new HashMap<>();

    /** @param csvSystem the system the CSV describes, or null for every station */
    public StationMetadata(Grouping grouping, List<MetadataRow> csv, String csvSystem) {
        this.grouping = grouping;
        this.csvSystem = csvSystem;
        this.cells = grouping.by() == GroupBy.H3 ? H3Cells.at(grouping.h3Resolution()) : null;
        Map<String, Map<String, Integer>> citiesByPostcode = new HashMap<>();
        for (MetadataRow row : csv) {
            csvById.putIfAbsent(row.stationId(), row);
            if (row.stationCode() != null) {
                csvByCode.putIfAbsent(row.stationCode(), row);
            }
            if (row.postcode() != null && row.city() != null) {
                citiesByPostcode.computeIfAbsent(row.postcode(), p -> new TreeMap<>())
                        .merge(row.city(), 1, Integer::sum);
            }
        }
        cityByPostcode = new HashMap<>();
        citiesByPostcode.forEach((postcode, cities) -> cityByPostcode.put(postcode, mostNamed(cities)));
    }

    /**
     * Records the station's information; returns the station's identity (see {@link GroupKey#station}) when that
     * can change its placement, else null.
     */
    public String put(FeedStation station) {
        String identity = grouping.key().station(station.systemId(), station.stationId());
        return station.equals(feed.put(identity, station)) ? null : identity;
    }

    public int feedSize() {
        return feed.size();
    }

    @Override
    public Placement of(String systemId, String stationId, String stationCode) {
        FeedStation info = feed.get(grouping.key().station(systemId, stationId));
        int capacity = info == null ? 0 : info.capacity();
        String unknown = grouping.unknownGroup();
        return switch (grouping.by()) {
            case POSTCODE, CITY -> byPostcodeOrCity(systemId, stationId, stationCode, info, capacity);
            case REGION -> {
                String region = info == null || info.regionId() == null || info.regionId().isBlank() ? null
                        : info.regionId();
                yield region == null
                        ? placed(systemId, unknown, new GroupLabels(null, null, unknown, null, null, systemId), capacity)
                        : placed(systemId, region,
                        new GroupLabels(null, null, region, info.regionName(), null, systemId), capacity);
            }
            case H3 -> {
                String cell = info == null ? null : cells.of(info.lat(), info.lon());
                String group = cell == null ? unknown : cell;
                yield placed(systemId, group, new GroupLabels(null, null, null, null, group, systemId), capacity);
            }
        };
    }

    private Placement byPostcodeOrCity(String systemId, String stationId, String stationCode, FeedStation info,
                                       int capacity) {
        String code = stationCode != null ? stationCode : info == null ? null : info.stationCode();
        MetadataRow row = csvSystem == null || csvSystem.equals(systemId) ? csvRow(stationId, code) : null;
        String postcode = row != null && row.postcode() != null ? row.postcode()
                : info == null ? null : info.postCode();
        String unknown = grouping.unknownGroup();
        if (grouping.by() == GroupBy.CITY) {
            String city = row != null && row.city() != null ? row.city()
                    : postcode == null ? null : cityByPostcode.get(postcode);
            return city == null
                    ? placed(systemId, unknown, new GroupLabels(null, null, null, null, null, systemId), capacity)
                    : placed(systemId, city, new GroupLabels(null, city, null, null, null, systemId), capacity);
        }
        return postcode == null
                ? placed(systemId, unknown, new GroupLabels(unknown, null, null, null, null, systemId), capacity)
                : placed(systemId, postcode,
                new GroupLabels(postcode, cityByPostcode.get(postcode), null, null, null, systemId), capacity);
    }

    private Placement placed(String systemId, String group, GroupLabels labels, int capacity) {
        return new Placement(grouping.key().group(systemId, group), labels, capacity);
    }

    /** The city with the most rows; {@code cities} is sorted, so ties go to the alphabetical first. */
    private static String mostNamed(Map<String, Integer> cities) {
        String best = null;
        for (Map.Entry<String, Integer> city : cities.entrySet()) {
            if (best == null || city.getValue() > cities.get(best)) {
                best = city.getKey();
            }
        }
        return best;
    }

    private MetadataRow csvRow(String stationId, String stationCode) {
        MetadataRow row = csvById.get(stationId);
        return row != null || stationCode == null ? row : csvByCode.get(stationCode);
    }
}

package io.velibconnect.aggregate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The station metadata table: the seed's CSV joined with the feed's station_information (the compacted
 * information topic, read as a global table and kept current).
 *
 * <p>A station is matched to a CSV row by {@code station_id} first, then by {@code stationCode}. The id wins
 * because it is the feed's stable identifier of a station, while codes are re-used and re-spelled: the
 * velib-metadata SOURCES notes 3 rows whose CSV {@code stationCode} disagrees with the feed's for the same
 * {@code station_id}. The code is only a fallback for stations whose id the CSV does not know. When no CSV row
 * (or one without a postcode) matches, the feed's {@code post_code} is used; else the station goes to the
 * unknown group (about 6% of today's Vélib' stations are missing from the seed's CSV).
 *
 * <p>A group's labels are fixed per group so every record of a group carries the same city: for a postcode the
 * city is the one most CSV rows of that postcode name (ties: alphabetical first).
 */
public final class StationMetadata implements Placements {

    private final GroupBy groupBy;
    private final String unknownGroup;
    private final Map<String, MetadataRow> csvById = new HashMap<>();
    private final Map<String, MetadataRow> csvByCode = new HashMap<>();
    private final Map<String, String> cityByPostcode;
    private final Map<String, FeedStation> feed = new HashMap<>();

    public StationMetadata(GroupBy groupBy, String unknownGroup, List<MetadataRow> csv) {
        this.groupBy = groupBy;
        this.unknownGroup = unknownGroup;
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

    /** Records the station's information; returns true when that can change its placement. */
    public boolean put(FeedStation station) {
        return !station.equals(feed.put(station.stationId(), station));
    }

    public int feedSize() {
        return feed.size();
    }

    @Override
    public Placement of(String stationId, String stationCode) {
        FeedStation info = feed.get(stationId);
        String code = stationCode != null ? stationCode : info == null ? null : info.stationCode();
        MetadataRow row = csvRow(stationId, code);
        String postcode = row != null && row.postcode() != null ? row.postcode()
                : info == null ? null : info.postCode();
        int capacity = info == null ? 0 : info.capacity();
        if (groupBy == GroupBy.CITY) {
            String city = row != null && row.city() != null ? row.city()
                    : postcode == null ? null : cityByPostcode.get(postcode);
            return city == null
                    ? new Placement(unknownGroup, null, null, capacity)
                    : new Placement(city, null, city, capacity);
        }
        return postcode == null
                ? new Placement(unknownGroup, unknownGroup, null, capacity)
                : new Placement(postcode, postcode, cityByPostcode.get(postcode), capacity);
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

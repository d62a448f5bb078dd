package io.velibconnect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.uber.h3core.H3Core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The totals a correct aggregator writes, computed here from the served files alone (Jackson trees, not the
 * connector's parser), by the rules the README and docs/design.md give: a station's key is its stationCode, else
 * its station_id; it is joined with the station_information of the same station_id; its group is the information's
 * post_code, region_id or the H3 cell of its lat/lon, else {@value #UNKNOWN}; output keys are
 * {@code <escaped system_id>/<group>}.
 */
final class WorldTotals {

    static final String UNKNOWN = "unknown";
    private static final H3Core H3 = h3();

    /** What one output record says about its group, as compared: counts, sums and the region's name. */
    record GroupTotals(int stations, long bikes, long mechanical, long ebike, long docks, long capacity,
                       String regionName) {

        GroupTotals plus(GroupTotals other) {
            return new GroupTotals(stations + other.stations, bikes + other.bikes, mechanical + other.mechanical,
                    ebike + other.ebike, docks + other.docks, capacity + other.capacity, regionName);
        }

        /** The totals of an aggregator's output value (its payload). */
        static GroupTotals of(JsonNode totals) {
            return new GroupTotals(totals.path("stations").asInt(), totals.path("total_bikes_available").asLong(),
                    totals.path("total_mechanical_bikes").asLong(), totals.path("total_electric_bikes").asLong(),
                    totals.path("total_docks_available").asLong(), totals.path("total_capacity").asLong(),
                    totals.path("region_name").isTextual() ? totals.path("region_name").asText() : null);
        }
    }

    private WorldTotals() {
    }

    private static H3Core h3() {
        try {
            return H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every (system, group) total once {@code snapshot} is the last station_status served. */
    static Map<String, GroupTotals> expected(WorldFeeds feeds, int snapshot, String groupBy, int h3Resolution) {
        Map<String, GroupTotals> totals = new TreeMap<>();
        for (ServedSystem system : ServedSystem.values()) {
            Map<String, JsonNode> information = new HashMap<>();
            for (JsonNode station : ServedSystem.stations(tree(system.stationInformation()))) {
                information.put(station.path("station_id").asText(), station);
            }
            for (JsonNode status : ServedSystem.stations(tree(system.stationStatus(snapshot)))) {
                JsonNode info = information.get(status.path("station_id").asText());
                String group = groupOf(info, groupBy, h3Resolution);
                String regionName = "region".equals(groupBy) ? system.regionNames().get(group) : null;
                totals.merge(scopedKey(feeds.systemId(system), group), station(status, info, regionName),
                        GroupTotals::plus);
            }
        }
        return totals;
    }

    private static String groupOf(JsonNode info, String groupBy, int h3Resolution) {
        if (info == null) {
            return UNKNOWN;
        }
        String group = switch (groupBy) {
            case "postcode" -> text(info, "post_code");
            case "region" -> text(info, "region_id");
            case "h3" -> info.hasNonNull("lat") && info.hasNonNull("lon")
                    ? H3.latLngToCellAddress(info.get("lat").asDouble(), info.get("lon").asDouble(), h3Resolution)
                    : null;
            default -> throw new IllegalArgumentException("group.by " + groupBy);
        };
        return group == null ? UNKNOWN : group;
    }

    /**
     * One station's part. Bikes split by the flavours of docs/design.md: Bicing's num_bikes_available_types object,
     * else Lyft/PBSC's num_ebikes_available counted inside num_bikes_available (mechanical the difference).
     */
    private static GroupTotals station(JsonNode status, JsonNode info, String regionName) {
        int bikes = status.path("num_bikes_available").asInt();
        JsonNode types = status.path("num_bikes_available_types");
        int mechanical;
        int ebike;
        if (types.isObject()) {
            mechanical = types.path("mechanical").asInt();
            ebike = types.path("ebike").asInt();
        } else {
            ebike = status.path("num_ebikes_available").asInt();
            mechanical = Math.max(0, bikes - ebike);
        }
        int capacity = info == null ? 0 : info.path("capacity").asInt();
        return new GroupTotals(1, bikes, mechanical, ebike, status.path("num_docks_available").asInt(), capacity,
                regionName);
    }

    /** The record key of a station of {@code systemId}: its stationCode, else its station_id. */
    static String stationKey(String systemId, JsonNode station) {
        JsonNode code = station.get("stationCode");
        return scopedKey(systemId, code != null && !code.isNull() ? code.asText() : station.path("station_id").asText());
    }

    /** {@code <system_id>/<local>}, the system id's {@code %} and {@code /} percent-escaped. */
    static String scopedKey(String systemId, String local) {
        return systemId.replace("%", "%25").replace("/", "%2F") + "/" + local;
    }

    /** The system id of a scoped key. */
    static String systemOf(String key) {
        return key.substring(0, key.indexOf('/')).replace("%2F", "/").replace("%25", "%");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    static JsonNode tree(String json) {
        try {
            return ProjectFiles.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

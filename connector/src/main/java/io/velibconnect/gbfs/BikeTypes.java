package io.velibconnect.gbfs;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a station's available bikes into mechanical and electric, from whichever shape the feed uses:
 * <ul>
 *   <li>Vélib': {@code num_bikes_available_types: [{"mechanical": n}, {"ebike": m}]} (single-key objects);</li>
 *   <li>Bicing: {@code num_bikes_available_types: {"mechanical": n, "ebike": m}};</li>
 *   <li>GBFS 2.1+/3.0: {@code vehicle_types_available: [{vehicle_type_id, count}]}. Without vehicle_types.json
 *       the ids are classified by name: ids naming an e-bike ({@code ebike}, {@code e-bike}, {@code electric},
 *       {@code ebicycle}, {@code pedelec}) count as ebike, {@code bike}/{@code mbike}/{@code bicycle}/
 *       {@code mechanical}/{@code classic} as mechanical, anything else (scooters, {@code hbike}) as neither;</li>
 *   <li>Lyft/PBSC 1.x (Bay Wheels, BIXI): {@code num_ebikes_available}, counted inside
 *       {@code num_bikes_available}, so mechanical is the difference.</li>
 * </ul>
 * A feed with none of these yields nulls: unknown, not zero.
 */
final class BikeTypes {

    /** Mechanical and electric counts; either may be null. */
    record Split(Integer mechanical, Integer ebike) {
        static final Split UNKNOWN = new Split(null, null);
    }

    private BikeTypes() {
    }

    static Split split(StationReader station, int numBikesAvailable) throws StationReader.BadFieldException {
        JsonNode types = station.node("num_bikes_available_types");
        if (types != null && !types.isNull()) {
            return withinInt("num_bikes_available_types", fromNamedCounts(types));
        }
        JsonNode vehicleTypes = station.node("vehicle_types_available");
        if (vehicleTypes != null && !vehicleTypes.isNull()) {
            return withinInt("vehicle_types_available", fromVehicleTypes(vehicleTypes));
        }
        Integer ebikes = station.optionalCount("num_ebikes_available");
        if (ebikes != null) {
            int mechanical = numBikesAvailable - ebikes;
            return new Split(mechanical >= 0 ? mechanical : null, ebikes);
        }
        return Split.UNKNOWN;
    }

    private static Split fromNamedCounts(JsonNode types) throws StationReader.BadFieldException {
        String field = "num_bikes_available_types";
        Integer mechanical = null;
        Integer ebike = null;
        if (types.isObject()) {
            mechanical = StationReader.count(field + ".mechanical", types.get("mechanical"));
            ebike = StationReader.count(field + ".ebike", types.get("ebike"));
        } else if (types.isArray()) {
            for (JsonNode part : types) {
                if (!part.isObject()) {
                    throw new StationReader.BadFieldException(field, "entry not an object: " + StationReader.shown(part));
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = part.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    Integer count = StationReader.count(field + "." + StationReader.escaped(entry.getKey()),
                            entry.getValue());
                    if ("mechanical".equals(entry.getKey())) {
                        mechanical = add(field, mechanical, count);
                    } else if ("ebike".equals(entry.getKey())) {
                        ebike = add(field, ebike, count);
                    }
                }
            }
        } else {
            throw new StationReader.BadFieldException(field, "not a list or object: " + StationReader.shown(types));
        }
        return new Split(mechanical, ebike);
    }

    private static Split fromVehicleTypes(JsonNode vehicleTypes) throws StationReader.BadFieldException {
        String field = "vehicle_types_available";
        if (!vehicleTypes.isArray()) {
            throw new StationReader.BadFieldException(field, "not a list: " + StationReader.shown(vehicleTypes));
        }
        Integer mechanical = null;
        Integer ebike = null;
        for (JsonNode type : vehicleTypes) {
            JsonNode id = type.get("vehicle_type_id");
            if (id == null || !id.isTextual()) {
                throw new StationReader.BadFieldException(field, "entry without vehicle_type_id: " + StationReader.shown(type));
            }
            Integer count = StationReader.count(field + ".count", type.get("count"));
            switch (classify(id.textValue())) {
                case EBIKE -> ebike = add(field, ebike, count);
                case MECHANICAL -> mechanical = add(field, mechanical, count);
                case OTHER -> { }
            }
        }
        return new Split(mechanical, ebike);
    }

    private enum Kind { MECHANICAL, EBIKE, OTHER }

    private static Kind classify(String vehicleTypeId) {
        String id = vehicleTypeId.toLowerCase(Locale.ROOT);
        if (id.contains("ebike") || id.contains("e-bike") || id.contains("electric") || id.contains("ebicycle")
                || id.contains("pedelec")) {
            return Kind.EBIKE;
        }
        if (id.equals("bike") || id.equals("mbike") || id.contains("bicycle") || id.contains("mechanical")
                || id.contains("classic")) {
            return Kind.MECHANICAL;
        }
        return Kind.OTHER;
    }

    /** Mechanical and electric together are bikes of one station: a count no int holds is no real station. */
    private static Split withinInt(String field, Split split) throws StationReader.BadFieldException {
        long both = (split.mechanical() == null ? 0L : split.mechanical()) + (split.ebike() == null ? 0L : split.ebike());
        if (both > Integer.MAX_VALUE) {
            throw new StationReader.BadFieldException(field, "mechanical and ebike add up to more than "
                    + Integer.MAX_VALUE);
        }
        return split;
    }

    private static Integer add(String field, Integer sum, Integer count) throws StationReader.BadFieldException {
        if (count == null) {
            return sum;
        }
        if (sum != null && sum > Integer.MAX_VALUE - count) {
            throw new StationReader.BadFieldException(field, "counts add up to more than " + Integer.MAX_VALUE);
        }
        return sum == null ? count : sum + count;
    }
}

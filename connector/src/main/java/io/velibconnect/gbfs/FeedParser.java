package io.velibconnect.gbfs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a {@code station_status} or {@code station_information} body of GBFS 1.0–3.0 or Vélib' into a
 * {@link FeedSnapshot}. Pure: no I/O, no clock. A body that cannot be used at all (not JSON, no envelope time,
 * no {@code data.stations} list) is a {@link FeedException}; a station that cannot be read is a
 * {@link Rejection} in the snapshot and the other stations are kept. A station whose key repeats an earlier
 * one in the same body is rejected too, so a key never stands for two stations.
 */
public final class FeedParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String language;

    /** @param language the language read from GBFS 3.0 localized names (first translation where absent) */
    public FeedParser(String language) {
        this.language = language;
    }

    public FeedParser() {
        this("en");
    }

    public FeedSnapshot<StationStatus> parseStatus(byte[] body) throws FeedException {
        return parse(body, this::status);
    }

    public FeedSnapshot<StationInformation> parseInformation(byte[] body) throws FeedException {
        return parse(body, this::information);
    }

    /** Reads the JSON tree of any GBFS body (gbfs.json, system_information), for {@link Discovery}. */
    static JsonNode tree(byte[] body) throws FeedException {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                throw new FeedException("body is not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new FeedException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new FeedException("unreadable body: " + e.getMessage(), e);
        }
    }

    private interface StationMapper<T> {
        T map(StationReader station, Instant lastUpdated) throws StationReader.BadFieldException;
    }

    private <T> FeedSnapshot<T> parse(byte[] body, StationMapper<T> mapper) throws FeedException {
        JsonNode root = tree(body);
        Instant lastUpdated;
        try {
            lastUpdated = StationReader.time("last_updated", VelibQuirks.envelopeTime(root));
        } catch (StationReader.BadFieldException e) {
            throw new FeedException("envelope " + e.getMessage());
        }
        if (lastUpdated == null) {
            throw new FeedException("envelope has no last_updated (nor Vélib's lastUpdatedOther)");
        }
        JsonNode stations = root.path("data").get("stations");
        if (stations == null || !stations.isArray()) {
            throw new FeedException("no data.stations list");
        }
        JsonNode ttl = root.get("ttl");
        JsonNode version = root.get("version");
        List<T> parsed = new ArrayList<>(stations.size());
        List<Rejection> rejections = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int index = 0;
        for (JsonNode node : stations) {
            String where = "#" + index++;
            if (!node.isObject()) {
                rejections.add(new Rejection(where, null, "station is not a JSON object: " + abbreviate(node)));
                continue;
            }
            StationReader station = new StationReader(node);
            String id = readableId(station, where);
            try {
                T value = mapper.map(station, lastUpdated);
                String key = value instanceof StationStatus s ? s.key() : ((StationInformation) value).key();
                if (keys.add(key)) {
                    parsed.add(value);
                } else {
                    rejections.add(new Rejection(id, key, "duplicate station key " + key));
                }
            } catch (StationReader.BadFieldException e) {
                rejections.add(new Rejection(id, readableKey(station), e.getMessage()));
            }
        }
        return new FeedSnapshot<>(lastUpdated, ttl != null && ttl.canConvertToInt() ? ttl.intValue() : 0,
                version != null && version.isTextual() ? version.textValue() : null, parsed, rejections);
    }

    private StationStatus status(StationReader station, Instant lastUpdated) throws StationReader.BadFieldException {
        String bikesField = VelibQuirks.firstPresent(station, "num_bikes_available", "numBikesAvailable",
                "num_vehicles_available");
        int bikes = station.requiredInt(bikesField);
        BikeTypes.Split split = BikeTypes.split(station, bikes);
        return new StationStatus(
                station.id("station_id"),
                station.string(VelibQuirks.STATION_CODE),
                bikes,
                split.mechanical(),
                split.ebike(),
                station.optionalInt(VelibQuirks.firstPresent(station, "num_docks_available", "numDocksAvailable")),
                station.optionalBoolean("is_installed"),
                station.optionalBoolean("is_renting"),
                station.optionalBoolean("is_returning"),
                station.optionalTime("last_reported"),
                lastUpdated);
    }

    private StationInformation information(StationReader station, Instant lastUpdated)
            throws StationReader.BadFieldException {
        return new StationInformation(
                station.id("station_id"),
                station.string(VelibQuirks.STATION_CODE),
                station.localized("name", language),
                station.requiredDouble("lat"),
                station.requiredDouble("lon"),
                station.optionalInt("capacity"),
                station.string("post_code"),
                station.localized("address", language),
                station.string("region_id"),
                lastUpdated);
    }

    private static String readableId(StationReader station, String where) {
        try {
            String id = station.string("station_id");
            return id != null ? id : where;
        } catch (StationReader.BadFieldException e) {
            return where;
        }
    }

    /** The key {@link StationStatus#key()} would have, or null when its fields cannot be read. */
    private static String readableKey(StationReader station) {
        try {
            String code = station.string(VelibQuirks.STATION_CODE);
            return code != null ? code : station.id("station_id");
        } catch (StationReader.BadFieldException e) {
            return null;
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}

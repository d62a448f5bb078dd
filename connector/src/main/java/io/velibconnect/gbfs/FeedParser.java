package io.velibconnect.gbfs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@code station_status} or {@code station_information} body of GBFS 1.0–3.0 or Vélib' into a
 * {@link FeedSnapshot}. Pure: no I/O, no clock. The body is read as a stream of JSON tokens, one station at a
 * time, so memory follows the stations kept, not the body's shape. A body that cannot be used at all (not JSON,
 * content after the document, no usable envelope time, no {@code data.stations} list, more stations than
 * {@link FeedLimits#maxStationsPerFeed()}) is a {@link FeedException}; a station that cannot be read or held is
 * a {@link Rejection} in the snapshot and the other stations are kept. A station whose key repeats an earlier
 * one in the same body is rejected too, so a key never stands for two stations.
 */
public final class FeedParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Strings and numbers of any length are tokenized (the HTTP body cap bounds them), so that an oversized value
     * rejects its station only; {@link StationTree} keeps none of them. Field names are not interned: a body of
     * millions of distinct names would otherwise fill the JVM's string table (seconds of CPU per poll).
     */
    private static final JsonFactory STREAMING = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).build())
            .build();

    private final String language;
    private final FeedLimits limits;

    /**
     * @param language the language read from GBFS 3.0 localized names (first translation where absent)
     * @param limits   how many stations and how long texts are accepted
     */
    public FeedParser(String language, FeedLimits limits) {
        this.language = language;
        this.limits = limits;
    }

    public FeedSnapshot<StationStatus> parseStatus(byte[] body) throws FeedException {
        return parse(body, statusKind);
    }

    public FeedSnapshot<StationInformation> parseInformation(byte[] body) throws FeedException {
        return parse(body, informationKind);
    }

    /**
     * Reads a system_regions body: {@code data.regions[]} of {@code {region_id, name}}, the name a string
     * (GBFS 2.x) or a localized array (3.0) read in this parser's language. Streamed and bounded like the
     * station feeds: at most {@link FeedLimits#maxStationsPerFeed()} regions, each a bounded tree; a region that
     * cannot be read is a rejection, the others are kept.
     */
    public RegionNames parseRegionNames(byte[] body) throws FeedException {
        Map<String, String> names = new HashMap<>();
        Set<String> ids = new HashSet<>();
        List<Rejection> rejections = new ArrayList<>();
        boolean listed = false;
        try (JsonParser parser = STREAMING.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new FeedException("body is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean data = "data".equals(parser.currentName());
                if (parser.nextToken() != JsonToken.START_OBJECT || !data) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean regions = "regions".equals(parser.currentName());
                    if (parser.nextToken() != JsonToken.START_ARRAY || !regions) {
                        parser.skipChildren();
                        continue;
                    }
                    listed = true;
                    int count = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (count == limits.maxStationsPerFeed()) {
                            throw new FeedException("data.regions lists more than " + limits.maxStationsPerFeed()
                                    + " regions");
                        }
                        region(StationTree.read(parser, limits.maxTextLength()), "#" + count++, ids, names,
                                rejections);
                    }
                }
            }
            if (parser.nextToken() != null) {
                throw new FeedException("content after the JSON document");
            }
        } catch (JacksonException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new FeedException("unreadable body: " + e.getMessage(), e);
        }
        if (!listed) {
            throw new FeedException("no data.regions list");
        }
        return new RegionNames(names, rejections);
    }

    private void region(JsonNode node, String where, Set<String> ids, Map<String, String> names,
                        List<Rejection> rejections) {
        if (!node.isObject()) {
            rejections.add(new Rejection(where, null, "region is not a JSON object: " + StationReader.shown(node)));
            return;
        }
        StationReader region = new StationReader(node, limits.maxTextLength());
        try {
            String id = region.id("region_id");
            String name = region.localized("name", language);
            if (!ids.add(id)) {
                rejections.add(new Rejection(StationReader.escaped(id), id, "duplicate region_id"));
                names.remove(id);
            } else if (name != null) {
                names.put(id, name);
            }
        } catch (StationReader.BadFieldException e) {
            rejections.add(new Rejection(where, null, e.getMessage()));
        }
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
            throw malformed(e);
        } catch (IOException e) {
            throw new FeedException("unreadable body: " + e.getMessage(), e);
        }
    }

    /** What differs between the two feeds: how a station is read, re-stamped and keyed. */
    private interface StationKind<T> {
        T map(StationReader station, Instant lastUpdated) throws StationReader.BadFieldException;

        T stamped(T station, Instant lastUpdated);

        String key(T station);

        /**
         * How the stations of one list, of the usual shape, are read without a tree; null where every station is
         * read as one.
         */
        default PlainReading<T> plainReading(int maxTextLength) {
            return null;
        }
    }

    /**
     * Reads the station whose START_OBJECT is the parser's current token; null where it is not of the usual
     * shape, the parser then on the station's END_OBJECT and the station to be read as a tree.
     */
    private interface PlainReading<T> {
        T read(JsonParser parser, Instant lastUpdated) throws IOException;
    }

    private final StationKind<StationStatus> statusKind = new StationKind<>() {
        public StationStatus map(StationReader station, Instant lastUpdated) throws StationReader.BadFieldException {
            return status(station, lastUpdated);
        }

        public StationStatus stamped(StationStatus station, Instant lastUpdated) {
            return station.withLastUpdated(lastUpdated);
        }

        public String key(StationStatus station) {
            return station.key();
        }

        public PlainReading<StationStatus> plainReading(int maxTextLength) {
            return new PlainStatus(maxTextLength)::read;
        }
    };

    private final StationKind<StationInformation> informationKind = new StationKind<>() {
        public StationInformation map(StationReader station, Instant lastUpdated)
                throws StationReader.BadFieldException {
            return information(station, lastUpdated);
        }

        public StationInformation stamped(StationInformation station, Instant lastUpdated) {
            return station.withLastUpdated(lastUpdated);
        }

        public String key(StationInformation station) {
            return station.key();
        }
    };

    /** The envelope fields, whichever order they come in; the last of a repeated field wins, as in a JSON tree. */
    private static final class Envelope<T> {
        JsonNode lastUpdated;
        JsonNode lastUpdatedOther;
        JsonNode ttl;
        Stations<T> stations;
    }

    /** The stations of one {@code data.stations} list, read as they stream by. */
    private static final class Stations<T> {
        /** The envelope time as far as it was read when the list began; restamped if it turns out otherwise. */
        final Instant stamped;
        final List<T> parsed = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();
        final Set<String> keys = new HashSet<>();
        int count;

        Stations(Instant stamped) {
            this.stamped = stamped;
        }
    }

    private <T> FeedSnapshot<T> parse(byte[] body, StationKind<T> kind) throws FeedException {
        Envelope<T> envelope = new Envelope<>();
        try (JsonParser parser = STREAMING.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new FeedException("body is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "last_updated" -> envelope.lastUpdated = StationTree.read(parser, limits.maxTextLength());
                    case VelibQuirks.LAST_UPDATED_OTHER ->
                            envelope.lastUpdatedOther = StationTree.read(parser, limits.maxTextLength());
                    case "ttl" -> envelope.ttl = StationTree.read(parser, limits.maxTextLength());
                    case "data" -> envelope.stations = data(parser, body, kind, provisionalTime(envelope));
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new FeedException("content after the JSON document, at byte "
                        + parser.currentTokenLocation().getByteOffset());
            }
        } catch (JacksonException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new FeedException("unreadable body: " + e.getMessage(), e);
        }
        Instant lastUpdated;
        try {
            lastUpdated = envelopeTime(envelope);
        } catch (StationReader.BadFieldException e) {
            throw new FeedException("envelope " + e.getMessage());
        }
        if (lastUpdated == null) {
            throw new FeedException("envelope has no last_updated (nor Vélib's lastUpdatedOther)");
        }
        if (envelope.stations == null) {
            throw new FeedException("no data.stations list");
        }
        // Stations may have been read before the envelope was complete (data may come before last_updated).
        List<T> stations = lastUpdated.equals(envelope.stations.stamped) ? envelope.stations.parsed
                : envelope.stations.parsed.stream().map(s -> kind.stamped(s, lastUpdated)).toList();
        JsonNode ttl = envelope.ttl;
        return new FeedSnapshot<>(lastUpdated, ttl != null && ttl.canConvertToInt() ? ttl.intValue() : 0, stations,
                envelope.stations.rejections);
    }

    /** The envelope time of the fields read so far, null where there is none. */
    private static Instant envelopeTime(Envelope<?> envelope) throws StationReader.BadFieldException {
        return StationReader.time("last_updated", VelibQuirks.envelopeTime(envelope.lastUpdated,
                envelope.lastUpdatedOther));
    }

    /** The envelope time to stamp stations with while the envelope may still be incomplete. */
    private static Instant provisionalTime(Envelope<?> envelope) {
        try {
            Instant time = envelopeTime(envelope);
            return time != null ? time : Instant.EPOCH;
        } catch (StationReader.BadFieldException e) {
            return Instant.EPOCH;
        }
    }

    /** The stations of {@code data.stations}, other fields of {@code data} skipped; null where it has none. */
    private <T> Stations<T> data(JsonParser parser, byte[] body, StationKind<T> kind, Instant stamp)
            throws IOException, FeedException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        Stations<T> stations = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (parser.nextToken() != JsonToken.START_ARRAY || !"stations".equals(field)) {
                stations = "stations".equals(field) ? null : stations;
                parser.skipChildren();
                continue;
            }
            stations = new Stations<>(stamp);
            PlainReading<T> plain = kind.plainReading(limits.maxTextLength());
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (stations.count == limits.maxStationsPerFeed()) {
                    throw new FeedException("data.stations lists more than " + limits.maxStationsPerFeed()
                            + " stations; raise max.stations.per.feed if the system really has that many");
                }
                int index = stations.count++;
                // a body Jackson decodes as UTF-16 or UTF-32 has no byte offsets to read a station again from
                long start = plain == null || parser.currentToken() != JsonToken.START_OBJECT ? -1
                        : parser.currentTokenLocation().getByteOffset();
                if (start < 0) {
                    read(StationTree.read(parser, limits.maxTextLength()), index, stations, kind);
                    continue;
                }
                T station = plain.read(parser, stamp);
                if (station != null && stations.keys.add(kind.key(station))) {
                    stations.parsed.add(station);
                } else {
                    // not plain, or a repeated key: the tree reading says why in the rejection
                    read(treeAt(body, (int) start), index, stations, kind);
                }
            }
        }
        return stations;
    }

    /** The JSON value that starts at byte {@code start} of the body, read again as a tree. */
    private JsonNode treeAt(byte[] body, int start) throws IOException {
        try (JsonParser again = STREAMING.createParser(body, start, body.length - start)) {
            again.nextToken();
            return StationTree.read(again, limits.maxTextLength());
        }
    }

    /** One station, into the parsed list or the rejections, stamped with the list's provisional time. */
    private <T> void read(JsonNode node, int index, Stations<T> stations, StationKind<T> kind) {
        if (!node.isObject()) {
            StationTree.Oversized oversized = StationTree.oversized(node);
            stations.rejections.add(new Rejection(place(index), null, oversized != null
                    ? "station is " + oversized.description()
                    : "station is not a JSON object: " + StationReader.shown(node)));
            return;
        }
        StationReader station = new StationReader(node, limits.maxTextLength());
        try {
            T value = kind.map(station, stations.stamped);
            String key = kind.key(value);
            if (stations.keys.add(key)) {
                stations.parsed.add(value);
            } else {
                stations.rejections.add(new Rejection(readableId(station, index), key,
                        "duplicate station key " + StationReader.escaped(key)));
            }
        } catch (StationReader.BadFieldException e) {
            stations.rejections.add(new Rejection(readableId(station, index), readableKey(station), e.getMessage()));
        }
    }

    private static FeedException malformed(JacksonException e) {
        // Jackson shortens the feed text it quotes; escaping keeps control characters out of the log line.
        return new FeedException("malformed JSON: " + LogText.of(e.getOriginalMessage())
                + (e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset()), e);
    }

    private StationStatus status(StationReader station, Instant lastUpdated) throws StationReader.BadFieldException {
        String bikesField = VelibQuirks.firstPresent(station, "num_bikes_available", "numBikesAvailable",
                "num_vehicles_available");
        int bikes = station.requiredCount(bikesField);
        BikeTypes.Split split = BikeTypes.split(station, bikes);
        return new StationStatus(
                station.id("station_id"),
                station.key(VelibQuirks.STATION_CODE),
                bikes,
                split.mechanical(),
                split.ebike(),
                station.optionalCount(VelibQuirks.firstPresent(station, "num_docks_available", "numDocksAvailable")),
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
                station.key(VelibQuirks.STATION_CODE),
                station.localized("name", language),
                station.requiredDouble("lat"),
                station.requiredDouble("lon"),
                station.optionalCount("capacity"),
                station.text("post_code"),
                station.localized("address", language),
                station.text("region_id"),
                lastUpdated);
    }

    /** The station's id for a log line (escaped), else its place in the list. */
    private static String readableId(StationReader station, int index) {
        try {
            String id = station.key("station_id");
            return id != null ? StationReader.escaped(id) : place(index);
        } catch (StationReader.BadFieldException e) {
            return place(index);
        }
    }

    /** A station's place in the list, for a rejection whose id could not be read. */
    private static String place(int index) {
        return "#" + index;
    }

    /** The key {@link StationStatus#key()} would have, or null when its fields cannot be read. */
    private static String readableKey(StationReader station) {
        try {
            String code = station.key(VelibQuirks.STATION_CODE);
            return code != null ? code : station.id("station_id");
        } catch (StationReader.BadFieldException e) {
            return null;
        }
    }
}

package io.velibconnect.gbfs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.Instant;

/**
 * Reads a station_status station of the plain shape most feeds send (Vélib' always) straight from the tokens into
 * a {@link StationStatus}, without the tree {@link StationTree} builds: a poll reads thousands of stations.
 * It accepts only what {@link StationReader} and {@link BikeTypes} would read to the very same record: every field
 * they read given at most once, as an in-range integer, boolean or short string; the bike types as Vélib's list of
 * single-key objects; the fields they do not read scalars. Anything else (a null, a repeated field, an object or list
 * in a field they do not read, another version's field names, a value out of range) makes it give up, and the station is read again as a tree from its first
 * byte, where its record or rejection is decided as for any station.
 */
final class PlainStatus {

    private static final int ID = 1;
    private static final int CODE = 1 << 1;
    private static final int BIKES = 1 << 2;
    private static final int BIKES_CAMEL = 1 << 3;
    private static final int TYPES = 1 << 4;
    private static final int DOCKS = 1 << 5;
    private static final int DOCKS_CAMEL = 1 << 6;
    private static final int INSTALLED = 1 << 7;
    private static final int RENTING = 1 << 8;
    private static final int RETURNING = 1 << 9;
    private static final int REPORTED = 1 << 10;

    /** A value the plain reading does not take on. */
    private static final class GiveUp extends Exception {
        static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super(null, null, false, false);
        }
    }

    private final JsonParser parser;
    /** The context the station is in: the parser is back in it past the station's END_OBJECT. */
    private final JsonStreamContext around;
    private final int maxKeyLength;
    private int size;
    private int seen;
    private String id;
    private String code;
    private int bikes;
    private Integer bikesCamel;
    private Integer mechanical;
    private Integer ebike;
    private Integer docks;
    private Integer docksCamel;
    private Boolean installed;
    private Boolean renting;
    private Boolean returning;
    private Instant reported;

    private PlainStatus(JsonParser parser, int maxTextLength) {
        this.parser = parser;
        this.around = parser.getParsingContext().getParent();
        this.maxKeyLength = Math.min(FeedLimits.MAX_KEY_LENGTH, maxTextLength);
    }

    /**
     * The station whose {@code START_OBJECT} is the parser's current token, stamped {@code lastUpdated}; null when
     * it is not plain. Either way the parser is left on the station's {@code END_OBJECT}.
     */
    static StationStatus read(JsonParser parser, int maxTextLength, Instant lastUpdated) throws IOException {
        PlainStatus station = new PlainStatus(parser, maxTextLength);
        try {
            return station.fields(lastUpdated);
        } catch (GiveUp e) {
            station.skipRest();
            return null;
        }
    }

    private StationStatus fields(Instant lastUpdated) throws IOException, GiveUp {
        size = 1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            counted(token);
            switch (field) {
                case "station_id" -> id = key(once(ID));
                case VelibQuirks.STATION_CODE -> code = key(once(CODE));
                case "num_bikes_available" -> bikes = count(once(BIKES));
                case "numBikesAvailable" -> bikesCamel = duplicate(once(BIKES_CAMEL), BIKES);
                case "num_bikes_available_types" -> types(once(TYPES));
                case "num_docks_available" -> docks = count(once(DOCKS));
                case "numDocksAvailable" -> docksCamel = duplicate(once(DOCKS_CAMEL), DOCKS);
                case "is_installed" -> installed = flag(once(INSTALLED));
                case "is_renting" -> renting = flag(once(RENTING));
                case "is_returning" -> returning = flag(once(RETURNING));
                case "last_reported" -> reported = time(once(REPORTED));
                // read by StationReader in shapes not taken on here
                case "num_vehicles_available", "vehicle_types_available", "num_ebikes_available" -> throw GiveUp.INSTANCE;
                default -> {
                    if (token.isStructStart()) {
                        throw GiveUp.INSTANCE;
                    }
                }
            }
        }
        if ((seen & ID) == 0 || id.isEmpty() || (seen & (BIKES | BIKES_CAMEL)) == 0) {
            throw GiveUp.INSTANCE;
        }
        if (mechanical != null && ebike != null && (long) mechanical + ebike > Integer.MAX_VALUE) {
            throw GiveUp.INSTANCE;
        }
        return new StationStatus(id, code, (seen & BIKES) != 0 ? bikes : bikesCamel, mechanical, ebike,
                (seen & DOCKS) != 0 ? docks : docksCamel, installed, renting, returning, reported, lastUpdated);
    }

    /** Counts the value as {@link StationTree} does, or more: giving up where the tree would be oversized. */
    private void counted(JsonToken token) throws IOException, GiveUp {
        size += 1 + (token == JsonToken.VALUE_STRING ? parser.getTextLength() : 0);
        if (size > FeedLimits.MAX_STATION_SIZE) {
            throw GiveUp.INSTANCE;
        }
    }

    private JsonToken once(int field) throws GiveUp {
        if ((seen & field) != 0) {
            throw GiveUp.INSTANCE;
        }
        seen |= field;
        return parser.currentToken();
    }

    /** An id or stationCode: a string of a key's length, or an integer's digits. */
    private String key(JsonToken token) throws IOException, GiveUp {
        if (token == JsonToken.VALUE_STRING && parser.getTextLength() <= maxKeyLength) {
            return parser.getText();
        }
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getTextLength() <= StationTree.MAX_NUMBER_CHARACTERS
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return Long.toString(parser.getLongValue());
        }
        throw GiveUp.INSTANCE;
    }

    private int count(JsonToken token) throws IOException, GiveUp {
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getTextLength() <= StationTree.MAX_NUMBER_CHARACTERS
                && parser.getNumberType() == JsonParser.NumberType.INT && parser.getIntValue() >= 0) {
            return parser.getIntValue();
        }
        throw GiveUp.INSTANCE;
    }

    /** A Vélib' camelCase count, read only where its snake_case twin, which wins, has not come first. */
    private Integer duplicate(JsonToken token, int twin) throws IOException, GiveUp {
        if ((seen & twin) == 0) {
            return count(token);
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw GiveUp.INSTANCE;
        }
        return null;
    }

    private Boolean flag(JsonToken token) throws IOException, GiveUp {
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        int value = count(token);
        if (value > 1) {
            throw GiveUp.INSTANCE;
        }
        return value == 1;
    }

    /** POSIX seconds from 1970 to 9999, as {@link StationReader#time} bounds them. */
    private Instant time(JsonToken token) throws IOException, GiveUp {
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getTextLength() <= StationTree.MAX_NUMBER_CHARACTERS
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long seconds = parser.getLongValue();
            if (seconds >= 0 && seconds <= StationReader.LATEST.getEpochSecond()) {
                return Instant.ofEpochSecond(seconds);
            }
        }
        throw GiveUp.INSTANCE;
    }

    /** Vélib's {@code [{"mechanical": n}, {"ebike": m}]}: each entry's fields counts, each name once per entry. */
    private void types(JsonToken token) throws IOException, GiveUp {
        if (token != JsonToken.START_ARRAY) {
            throw GiveUp.INSTANCE;
        }
        for (JsonToken part = parser.nextToken(); part != JsonToken.END_ARRAY; part = parser.nextToken()) {
            counted(part);
            if (part != JsonToken.START_OBJECT) {
                throw GiveUp.INSTANCE;
            }
            boolean mechanicalSeen = false;
            boolean ebikeSeen = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                counted(value);
                int count = count(value);
                if ("mechanical".equals(name) && !mechanicalSeen) {
                    mechanicalSeen = true;
                    mechanical = sum(mechanical, count);
                } else if ("ebike".equals(name) && !ebikeSeen) {
                    ebikeSeen = true;
                    ebike = sum(ebike, count);
                } else if ("mechanical".equals(name) || "ebike".equals(name)) {
                    throw GiveUp.INSTANCE;
                }
            }
        }
    }

    private static Integer sum(Integer sum, int count) throws GiveUp {
        if (sum != null && sum > Integer.MAX_VALUE - count) {
            throw GiveUp.INSTANCE;
        }
        return sum == null ? count : sum + count;
    }

    /** Consumes the station's remaining tokens, whatever they are, up to its {@code END_OBJECT}. */
    private void skipRest() throws IOException {
        while (parser.currentToken() != JsonToken.END_OBJECT || parser.getParsingContext() != around) {
            if (parser.nextToken() == null) {
                throw new IOException("unexpected end of the body");
            }
        }
    }
}

package io.velibconnect.gbfs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a station_status station of the plain shape most feeds send (Vélib' always) straight from the tokens into
 * a {@link StationStatus}, without the tree {@link StationTree} builds: a poll reads thousands of stations.
 * It accepts only what {@link StationReader} and {@link BikeTypes} would read to the very same record: every field
 * they read given at most once, as an in-range integer, boolean or short string; the bike types as Vélib's list of
 * single-key objects; the fields they do not read scalars. Anything else (a null, a repeated field, an object or list
 * in a field they do not read, another version's field names, a value out of range) makes it give up, and the station
 * is read again as a tree from its first byte, where its record or rejection is decided as for any station.
 *
 * <p>One instance reads the stations of one list, in turn. Feeds write every station's fields in one order, so it
 * remembers the order of the station before and asks the parser whether the next name is the one expected
 * ({@link JsonParser#nextFieldName(SerializableString)} compares the raw bytes), which costs less than looking a
 * name up; a name out of that order is looked up as usual.
 */
final class PlainStatus {

    /** The fields read; every other name is {@link #OTHER}. One bit each in {@link #seen}. */
    private enum Field {
        ID("station_id"), CODE(VelibQuirks.STATION_CODE), BIKES("num_bikes_available"),
        BIKES_CAMEL("numBikesAvailable"), TYPES("num_bikes_available_types"), DOCKS("num_docks_available"),
        DOCKS_CAMEL("numDocksAvailable"), INSTALLED("is_installed"), RENTING("is_renting"),
        RETURNING("is_returning"), REPORTED("last_reported"),
        /** A name StationReader reads in a shape not taken on here. */
        OTHER_VERSION(null),
        OTHER(null);

        final SerializableString name;
        final int bit = 1 << ordinal();

        Field(String name) {
            this.name = name == null ? null : new SerializedString(name);
        }

        /** Every name read, and the names StationReader reads in shapes not taken on here. */
        private static final Map<String, Field> BY_NAME = byName();

        static Field named(String name) {
            return BY_NAME.getOrDefault(name, OTHER);
        }

        private static Map<String, Field> byName() {
            Map<String, Field> byName = new HashMap<>();
            for (Field field : values()) {
                if (field.name != null) {
                    byName.put(field.name.getValue(), field);
                }
            }
            for (String name : List.of("num_vehicles_available", "vehicle_types_available", "num_ebikes_available")) {
                byName.put(name, OTHER_VERSION);
            }
            return Map.copyOf(byName);
        }
    }

    private static final SerializableString MECHANICAL = new SerializedString("mechanical");
    private static final SerializableString EBIKE = new SerializedString("ebike");
    /** How many field names of a station, and bike type entries, are expected in the order of the station before. */
    private static final int REMEMBERED_FIELDS = 32;
    /** Any number of this many digits fits a long. */
    private static final int MAX_UNSIGNED_DIGITS = 18;

    /** A value the plain reading does not take on. */
    private static final class GiveUp extends Exception {
        static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super(null, null, false, false);
        }
    }

    private final int maxKeyLength;
    /** The field names of the station before, in order; null past its last field or where a name was not read. */
    private final Field[] order = new Field[REMEMBERED_FIELDS];
    /** The first name of each bike type entry of the station before, where it was one of the two read. */
    private final SerializableString[] typeOrder = new SerializableString[REMEMBERED_FIELDS];
    private JsonParser parser;
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

    PlainStatus(int maxTextLength) {
        this.maxKeyLength = Math.min(FeedLimits.MAX_KEY_LENGTH, maxTextLength);
    }

    /**
     * The station whose {@code START_OBJECT} is the parser's current token, stamped {@code lastUpdated}; null when
     * it is not plain. Either way the parser is left on the station's {@code END_OBJECT}.
     */
    StationStatus read(JsonParser parser, Instant lastUpdated) throws IOException {
        this.parser = parser;
        // the context the station is in: the parser is back in it past the station's END_OBJECT
        JsonStreamContext around = parser.getParsingContext().getParent();
        clear();
        try {
            return fields(lastUpdated);
        } catch (GiveUp e) {
            skipRest(around);
            return null;
        }
    }

    private void clear() {
        size = 1;
        seen = 0;
        id = null;
        code = null;
        bikes = 0;
        bikesCamel = null;
        mechanical = null;
        ebike = null;
        docks = null;
        docksCamel = null;
        installed = null;
        renting = null;
        returning = null;
        reported = null;
    }

    private StationStatus fields(Instant lastUpdated) throws IOException, GiveUp {
        for (int position = 0; ; position++) {
            Field field = nextField(position);
            if (field == null) {
                break;
            }
            JsonToken token = parser.nextToken();
            counted(token);
            switch (field) {
                case ID -> id = key(once(field));
                case CODE -> code = key(once(field));
                case BIKES -> bikes = count(once(field));
                case BIKES_CAMEL -> bikesCamel = duplicate(once(field), Field.BIKES);
                case TYPES -> types(once(field));
                case DOCKS -> docks = count(once(field));
                case DOCKS_CAMEL -> docksCamel = duplicate(once(field), Field.DOCKS);
                case INSTALLED -> installed = flag(once(field));
                case RENTING -> renting = flag(once(field));
                case RETURNING -> returning = flag(once(field));
                case REPORTED -> reported = time(once(field));
                case OTHER_VERSION -> throw GiveUp.INSTANCE;
                case OTHER -> {
                    if (token.isStructStart()) {
                        throw GiveUp.INSTANCE;
                    }
                }
            }
        }
        if ((seen & Field.ID.bit) == 0 || id.isEmpty() || (seen & (Field.BIKES.bit | Field.BIKES_CAMEL.bit)) == 0) {
            throw GiveUp.INSTANCE;
        }
        if (mechanical != null && ebike != null && (long) mechanical + ebike > Integer.MAX_VALUE) {
            throw GiveUp.INSTANCE;
        }
        return new StationStatus(id, code, (seen & Field.BIKES.bit) != 0 ? bikes : bikesCamel, mechanical, ebike,
                (seen & Field.DOCKS.bit) != 0 ? docks : docksCamel, installed, renting, returning, reported,
                lastUpdated);
    }

    /** The next field's name, the parser on it; null where the station's fields end. */
    private Field nextField(int position) throws IOException {
        boolean remembered = position < order.length;
        Field expected = remembered ? order[position] : null;
        if (expected != null && expected.name != null && parser.nextFieldName(expected.name)) {
            return expected;
        }
        if (expected == null || expected.name == null) {
            parser.nextToken();
        }
        Field field = parser.currentToken() == JsonToken.FIELD_NAME ? Field.named(parser.currentName()) : null;
        if (remembered) {
            order[position] = field;
        }
        return field;
    }

    /**
     * Moves to the next token; true where it is a field name. Where a name is {@code expected}, the parser
     * compares it first, and a match needs no look-up of the name.
     */
    private boolean nextName(SerializableString expected) throws IOException {
        return expected != null ? parser.nextFieldName(expected) || parser.currentToken() == JsonToken.FIELD_NAME
                : parser.nextToken() == JsonToken.FIELD_NAME;
    }

    /** Counts the value as {@link StationTree} does, or more: giving up where the tree would be oversized. */
    private void counted(JsonToken token) throws IOException, GiveUp {
        size += 1 + (token == JsonToken.VALUE_STRING ? parser.getTextLength() : 0);
        if (size > FeedLimits.MAX_STATION_SIZE) {
            throw GiveUp.INSTANCE;
        }
    }

    private JsonToken once(Field field) throws GiveUp {
        if ((seen & field.bit) != 0) {
            throw GiveUp.INSTANCE;
        }
        seen |= field.bit;
        return parser.currentToken();
    }

    /** An id or stationCode: a string of a key's length, or an integer's digits. */
    private String key(JsonToken token) throws IOException, GiveUp {
        if (token == JsonToken.VALUE_STRING && parser.getTextLength() <= maxKeyLength) {
            return parser.getText();
        }
        if (token == JsonToken.VALUE_NUMBER_INT && unsigned() >= 0) {
            return parser.getText(); // the digits as Long.toString writes them: JSON has no leading zeros
        }
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getTextLength() <= StationTree.MAX_NUMBER_CHARACTERS
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return Long.toString(parser.getLongValue());
        }
        throw GiveUp.INSTANCE;
    }

    /** A count from 0 to {@link Integer#MAX_VALUE}; a sign, even {@code -0}, is left to the tree reading. */
    private int count(JsonToken token) throws IOException, GiveUp {
        long count = token == JsonToken.VALUE_NUMBER_INT ? unsigned() : -1;
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw GiveUp.INSTANCE;
        }
        return (int) count;
    }

    /**
     * The value of the current integer token where it is at most {@value #MAX_UNSIGNED_DIGITS} digits without a
     * sign, else -1. Read from the token's characters: for the few digits of a count this is much cheaper than
     * Jackson's general number decoding, and a poll reads a dozen counts per station.
     */
    private long unsigned() throws IOException {
        int length = parser.getTextLength();
        if (length > MAX_UNSIGNED_DIGITS) {
            return -1;
        }
        char[] text = parser.getTextCharacters();
        int end = parser.getTextOffset() + length;
        long value = 0;
        for (int i = parser.getTextOffset(); i < end; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** A Vélib' camelCase count, read only where its snake_case twin, which wins, has not come first. */
    private Integer duplicate(JsonToken token, Field twin) throws IOException, GiveUp {
        if ((seen & twin.bit) == 0) {
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
        long seconds = token == JsonToken.VALUE_NUMBER_INT ? unsigned() : -1;
        if (seconds < 0 || seconds > StationReader.LATEST.getEpochSecond()) {
            throw GiveUp.INSTANCE;
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** Vélib's {@code [{"mechanical": n}, {"ebike": m}]}: each entry's fields counts, each name once per entry. */
    private void types(JsonToken token) throws IOException, GiveUp {
        if (token != JsonToken.START_ARRAY) {
            throw GiveUp.INSTANCE;
        }
        int entry = 0;
        for (JsonToken part = parser.nextToken(); part != JsonToken.END_ARRAY; part = parser.nextToken(), entry++) {
            counted(part);
            if (part != JsonToken.START_OBJECT) {
                throw GiveUp.INSTANCE;
            }
            boolean mechanicalSeen = false;
            boolean ebikeSeen = false;
            boolean first = entry < typeOrder.length;
            while (nextName(first ? typeOrder[entry] : null)) {
                String name = parser.currentName();
                if (first) {
                    typeOrder[entry] = MECHANICAL.getValue().equals(name) ? MECHANICAL
                            : EBIKE.getValue().equals(name) ? EBIKE : null;
                    first = false;
                }
                JsonToken value = parser.nextToken();
                counted(value);
                int count = count(value);
                if (MECHANICAL.getValue().equals(name) && !mechanicalSeen) {
                    mechanicalSeen = true;
                    mechanical = sum(mechanical, count);
                } else if (EBIKE.getValue().equals(name) && !ebikeSeen) {
                    ebikeSeen = true;
                    ebike = sum(ebike, count);
                } else if (MECHANICAL.getValue().equals(name) || EBIKE.getValue().equals(name)) {
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
    private void skipRest(JsonStreamContext around) throws IOException {
        while (parser.currentToken() != JsonToken.END_OBJECT || parser.getParsingContext() != around) {
            if (parser.nextToken() == null) {
                throw new IOException("unexpected end of the body");
            }
        }
    }
}

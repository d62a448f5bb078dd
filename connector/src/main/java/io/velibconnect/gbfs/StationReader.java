package io.velibconnect.gbfs;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Typed, strict reads of one JSON object's fields. A missing optional field is null; a field of the wrong type,
 * or whose value no record can hold, is a {@link BadFieldException} naming the field and the value (escaped and
 * shortened), so that one bad station is skipped, not guessed.
 */
final class StationReader {

    /** Times are POSIX seconds or RFC 3339 within 1970-01-01 to 9999-12-31: what a record's timestamp holds. */
    private static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final int SHOWN_CHARACTERS = 80;

    private final JsonNode node;
    private final int maxTextLength;

    StationReader(JsonNode node, int maxTextLength) {
        this.node = node;
        this.maxTextLength = maxTextLength;
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    JsonNode node(String field) {
        return node.get(field);
    }

    /** A record key part, required: a string, or the digits of an integer (Vélib's ids go beyond 2^31). */
    String id(String field) throws BadFieldException {
        String id = key(field);
        if (id == null || id.isEmpty()) {
            throw new BadFieldException(field, "missing");
        }
        return id;
    }

    /** A record key part, optional: at most {@link FeedLimits#MAX_KEY_LENGTH} characters. */
    String key(String field) throws BadFieldException {
        return string(field, FeedLimits.MAX_KEY_LENGTH);
    }

    /** A name, address or other free text: at most {@link FeedLimits#maxTextLength()} characters. */
    String text(String field) throws BadFieldException {
        return string(field, maxTextLength);
    }

    private static String string(String field, JsonNode value, int maxLength) throws BadFieldException {
        value = present(field, value);
        if (value == null) {
            return null;
        }
        String text;
        if (value.isTextual()) {
            text = value.textValue();
        } else if (value.isNumber() && value.canConvertToExactIntegral()) {
            text = value.bigIntegerValue().toString();
        } else {
            throw new BadFieldException(field, "not a string: " + shown(value));
        }
        if (text.length() > maxLength) {
            throw new BadFieldException(field, "is a string of " + text.length() + " characters, more than " + maxLength);
        }
        return text;
    }

    private String string(String field, int maxLength) throws BadFieldException {
        return string(field, node.get(field), maxLength);
    }

    int requiredCount(String field) throws BadFieldException {
        Integer value = optionalCount(field);
        if (value == null) {
            throw new BadFieldException(field, "missing");
        }
        return value;
    }

    Integer optionalCount(String field) throws BadFieldException {
        return count(field, node.get(field));
    }

    /** A count of bikes or docks: a whole number from 0 to {@link Integer#MAX_VALUE}. */
    static Integer count(String field, JsonNode value) throws BadFieldException {
        value = present(field, value);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !value.canConvertToExactIntegral()) {
            throw new BadFieldException(field, "not an integer: " + shown(value));
        }
        if (!value.canConvertToInt() || value.intValue() < 0) {
            throw new BadFieldException(field, "not a count from 0 to " + Integer.MAX_VALUE + ": " + shown(value));
        }
        return value.intValue();
    }

    double requiredDouble(String field) throws BadFieldException {
        JsonNode value = present(field, node.get(field));
        if (value == null) {
            throw new BadFieldException(field, "missing");
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw new BadFieldException(field, "not a number: " + shown(value));
        }
        return value.doubleValue();
    }

    /** GBFS 1.x/2.x send 0/1 integers, 2.x/3.0 booleans; both are read. */
    Boolean optionalBoolean(String field) throws BadFieldException {
        JsonNode value = present(field, node.get(field));
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToInt()
                && (value.intValue() == 0 || value.intValue() == 1)) {
            return value.intValue() == 1;
        }
        throw new BadFieldException(field, "not a boolean or 0/1: " + shown(value));
    }

    Instant optionalTime(String field) throws BadFieldException {
        return time(field, node.get(field));
    }

    /** POSIX seconds (GBFS 1.x/2.x) or an RFC 3339 string (GBFS 3.0), from 1970 to 9999. */
    static Instant time(String field, JsonNode value) throws BadFieldException {
        value = present(field, value);
        if (value == null) {
            return null;
        }
        Instant time;
        if (value.isNumber()) {
            if (!value.canConvertToExactIntegral()) {
                throw new BadFieldException(field, "not whole POSIX seconds: " + shown(value));
            }
            time = value.canConvertToLong() && value.longValue() >= 0 && value.longValue() <= LATEST.getEpochSecond()
                    ? Instant.ofEpochSecond(value.longValue()) : null;
        } else if (value.isTextual()) {
            try {
                time = OffsetDateTime.parse(value.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadFieldException(field, "not an RFC 3339 time: " + shown(value));
            }
        } else {
            throw new BadFieldException(field, "not a time: " + shown(value));
        }
        if (time == null || time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new BadFieldException(field, "outside 1970 to 9999: " + shown(value));
        }
        return time;
    }

    /** A plain string, or a GBFS 3.0 localized string array [{text, language}] read in {@code language}. */
    String localized(String field, String language) throws BadFieldException {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            return text(field);
        }
        JsonNode chosen = null;
        for (JsonNode translation : value) {
            if (chosen == null || language.equalsIgnoreCase(translation.path("language").asText())) {
                chosen = translation;
            }
            if (language.equalsIgnoreCase(translation.path("language").asText())) {
                break;
            }
        }
        if (chosen == null) {
            return null;
        }
        JsonNode text = present(field, chosen.get("text"));
        if (text == null || !text.isTextual()) {
            throw new BadFieldException(field, "localized string without text: " + shown(value));
        }
        return string(field, text, maxTextLength);
    }

    /** The value, null where absent or JSON null; a value too large to have been kept is a bad field. */
    private static JsonNode present(String field, JsonNode value) throws BadFieldException {
        StationTree.Oversized oversized = StationTree.oversized(value);
        if (oversized != null) {
            throw new BadFieldException(field, "is " + oversized.description());
        }
        return value == null || value.isNull() ? null : value;
    }

    /** A feed's value as a log line may show it: JSON text, escaped, at most 80 characters, lists summarized. */
    static String shown(JsonNode value) {
        if (value.isArray()) {
            return "a list of " + value.size() + " values";
        }
        if (value.isObject()) {
            return "an object of " + value.size() + " fields";
        }
        return abbreviated(value.toString());
    }

    /** Feed text (a field name, an id) escaped for a log line and shortened. */
    static String escaped(String text) {
        return LogText.of(text, SHOWN_CHARACTERS);
    }

    private static String abbreviated(String text) {
        return text.length() > SHOWN_CHARACTERS ? text.substring(0, SHOWN_CHARACTERS) + "…" : text;
    }

    /** One field of one station could not be read. */
    static final class BadFieldException extends Exception {
        BadFieldException(String field, String problem) {
            super(field + " " + problem);
        }
    }
}

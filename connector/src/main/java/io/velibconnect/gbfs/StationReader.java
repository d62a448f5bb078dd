package io.velibconnect.gbfs;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Typed, strict reads of one JSON object's fields. A missing optional field is null; a field of the wrong type
 * is a {@link BadFieldException} naming the field and the value, so that one bad station is skipped, not guessed.
 */
final class StationReader {

    private final JsonNode node;

    StationReader(JsonNode node) {
        this.node = node;
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    JsonNode node(String field) {
        return node.get(field);
    }

    /** A string, or the digits of an integer: Vélib' and Bicing ids are JSON numbers, Vélib's beyond 2^31. */
    String id(String field) throws BadFieldException {
        String id = string(field);
        if (id == null || id.isEmpty()) {
            throw new BadFieldException(field, "missing");
        }
        return id;
    }

    String string(String field) throws BadFieldException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber() && value.canConvertToExactIntegral()) {
            return value.bigIntegerValue().toString();
        }
        throw new BadFieldException(field, "not a string: " + value);
    }

    int requiredInt(String field) throws BadFieldException {
        Integer value = optionalInt(field);
        if (value == null) {
            throw new BadFieldException(field, "missing");
        }
        return value;
    }

    Integer optionalInt(String field) throws BadFieldException {
        return intValue(field, node.get(field));
    }

    static Integer intValue(String field, JsonNode value) throws BadFieldException {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToInt()) {
            return value.intValue();
        }
        throw new BadFieldException(field, "not an integer: " + value);
    }

    double requiredDouble(String field) throws BadFieldException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new BadFieldException(field, "missing");
        }
        if (!value.isNumber()) {
            throw new BadFieldException(field, "not a number: " + value);
        }
        return value.doubleValue();
    }

    /** GBFS 1.x/2.x send 0/1 integers, 2.x/3.0 booleans; both are read. */
    Boolean optionalBoolean(String field) throws BadFieldException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber() && value.canConvertToExactIntegral() && (value.intValue() == 0 || value.intValue() == 1)) {
            return value.intValue() == 1;
        }
        throw new BadFieldException(field, "not a boolean or 0/1: " + value);
    }

    Instant optionalTime(String field) throws BadFieldException {
        return time(field, node.get(field));
    }

    /** POSIX seconds (GBFS 1.x/2.x) or an RFC 3339 string (GBFS 3.0). */
    static Instant time(String field, JsonNode value) throws BadFieldException {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Instant.ofEpochSecond(value.longValue());
        }
        if (value.isTextual()) {
            try {
                return OffsetDateTime.parse(value.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadFieldException(field, "not an RFC 3339 time: " + value);
            }
        }
        throw new BadFieldException(field, "not a time: " + value);
    }

    /** A plain string, or a GBFS 3.0 localized string array [{text, language}] read in {@code language}. */
    String localized(String field, String language) throws BadFieldException {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            return string(field);
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
        JsonNode text = chosen.get("text");
        if (text == null || !text.isTextual()) {
            throw new BadFieldException(field, "localized string without text: " + value);
        }
        return text.textValue();
    }

    /** One field of one station could not be read. */
    static final class BadFieldException extends Exception {
        BadFieldException(String field, String problem) {
            super(field + " " + problem);
        }
    }
}

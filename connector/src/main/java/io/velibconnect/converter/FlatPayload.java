package io.velibconnect.converter;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads and writes one JsonConverter payload of a known schema straight from and to Jackson's tokens, without a
 * JSON tree. Only flat schemas qualify: a primitive (boolean, int8–int64, float64, string, and the Date, Time
 * and Timestamp logical types) or a struct of at most 64 such fields. Whatever this class cannot read exactly as
 * {@code JsonConverter} would (a null in a required field or one with a default, a number of another width, a
 * string where a number is expected, -0.0, a field the schema does not name, malformed JSON) is
 * {@link #UNDECIDED}, and the caller asks JsonConverter, which then gives its own value or error. Writing is
 * likewise left to JsonConverter for a schema with defaults or a null in a required field.
 */
final class FlatPayload {

    /** The answer for a payload this class does not read; never a Connect value. */
    static final Object UNDECIDED = new Object();

    private static final int MAX_FIELDS = Long.SIZE;

    private final Schema schema;
    private final long requiredMask;
    private final boolean hasDefaults;
    private final CompactPayload compact;

    private FlatPayload(Schema schema, StreamReadConstraints constraints) {
        this.schema = schema;
        long required = 0;
        boolean defaults = schema.defaultValue() != null;
        if (schema.type() == Schema.Type.STRUCT) {
            for (Field field : schema.fields()) {
                if (!isNullable(field.schema())) {
                    required |= 1L << field.index();
                }
                defaults |= field.schema().defaultValue() != null;
            }
        }
        this.requiredMask = required;
        this.hasDefaults = defaults;
        this.compact = schema.type() == Schema.Type.STRUCT
                ? new CompactPayload(schema.fields(), constraints.getMaxStringLength()) : null;
    }

    /**
     * A reader for {@code schema}, or empty when the schema is not flat. {@code constraints} are those of the
     * parsers {@link #read} is given, which the reader of the compact form keeps to as well.
     */
    static Optional<FlatPayload> of(Schema schema, StreamReadConstraints constraints) {
        if (schema == null) {
            return Optional.empty();
        }
        if (schema.type() == Schema.Type.STRUCT) {
            boolean flat = schema.fields().size() <= MAX_FIELDS
                    && schema.fields().stream().allMatch(field -> isFlatPrimitive(field.schema()));
            return flat ? Optional.of(new FlatPayload(schema, constraints)) : Optional.empty();
        }
        return isFlatPrimitive(schema) ? Optional.of(new FlatPayload(schema, constraints)) : Optional.empty();
    }

    Schema schema() {
        return schema;
    }

    /** Reads the value at the parser's current token (the payload's first token). */
    Object read(JsonParser parser) throws IOException {
        return schema.type() == Schema.Type.STRUCT ? struct(parser) : primitive(schema, parser);
    }

    private Object struct(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return UNDECIDED;
        }
        Object[] values = new Object[schema.fields().size()];
        long seen = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            Field field = schema.field(parser.currentName());
            if (field == null) {
                return UNDECIDED;
            }
            parser.nextToken();
            Object value = primitive(field.schema(), parser);
            if (value == UNDECIDED) {
                return UNDECIDED;
            }
            values[field.index()] = value;
            seen |= value == null ? 0 : 1L << field.index();
        }
        return (requiredMask & ~seen) != 0 ? UNDECIDED : struct(values);
    }

    /** Reads a payload in JsonConverter's own compact form (see {@link CompactPayload}), else UNDECIDED. */
    Object readCompact(byte[] bytes, int start, int end) {
        Object[] values = compact == null ? null : compact.values(bytes, start, end);
        return values == null ? UNDECIDED : struct(values);
    }

    private Struct struct(Object[] values) {
        Struct struct = new Struct(schema);
        for (Field field : schema.fields()) {
            if (values[field.index()] != null) {
                struct.put(field, values[field.index()]);
            }
        }
        return struct;
    }

    /**
     * Writes a struct of this schema as JsonConverter writes its payload; false (the generator's output is then
     * to be discarded) when JsonConverter must write it.
     */
    boolean write(Struct struct, JsonGenerator generator) throws IOException {
        if (hasDefaults || schema.type() != Schema.Type.STRUCT || struct.schema() != schema) {
            return false;
        }
        generator.writeStartObject();
        for (Field field : schema.fields()) {
            generator.writeFieldName(field.name());
            if (!writeValue(field.schema(), struct.get(field), generator)) {
                return false;
            }
        }
        generator.writeEndObject();
        return true;
    }

    private static boolean writeValue(Schema schema, Object value, JsonGenerator generator) throws IOException {
        if (value == null) {
            generator.writeNull();
            return schema.isOptional();
        }
        String name = schema.name();
        try {
            switch (schema.type()) {
                case BOOLEAN -> generator.writeBoolean((Boolean) value);
                case INT8 -> generator.writeNumber((Byte) value);
                case INT16 -> generator.writeNumber((Short) value);
                case INT32 -> generator.writeNumber(Date.LOGICAL_NAME.equals(name)
                        ? Date.fromLogical(schema, (java.util.Date) value) : Time.LOGICAL_NAME.equals(name)
                        ? Time.fromLogical(schema, (java.util.Date) value) : (Integer) value);
                case INT64 -> generator.writeNumber(Timestamp.LOGICAL_NAME.equals(name)
                        ? Timestamp.fromLogical(schema, (java.util.Date) value) : (Long) value);
                case FLOAT64 -> generator.writeNumber((Double) value);
                case STRING -> generator.writeString((String) value);
                default -> {
                    return false;
                }
            }
            return true;
        } catch (DataException | ClassCastException e) {
            return false;
        }
    }

    private static Object primitive(Schema schema, JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return isNullable(schema) ? null : UNDECIDED;
        }
        try {
            return switch (schema.type()) {
                case BOOLEAN -> token == JsonToken.VALUE_TRUE ? Boolean.TRUE
                        : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : UNDECIDED;
                case INT8, INT16, INT32 -> isInt(parser, token) ? int32(schema, parser.getIntValue()) : UNDECIDED;
                case INT64 -> isLong(parser, token) ? int64(schema, parser.getLongValue()) : UNDECIDED;
                case FLOAT64 -> float64(parser, token);
                case STRING -> token == JsonToken.VALUE_STRING ? parser.getText() : UNDECIDED;
                default -> UNDECIDED;
            };
        } catch (DataException e) {
            return UNDECIDED;
        }
    }

    static Object int32(Schema schema, int value) {
        if (Date.LOGICAL_NAME.equals(schema.name())) {
            return Date.toLogical(schema, value);
        }
        if (Time.LOGICAL_NAME.equals(schema.name())) {
            return Time.toLogical(schema, value);
        }
        return switch (schema.type()) {
            case INT8 -> (byte) value;
            case INT16 -> (short) value;
            default -> value;
        };
    }

    static Object int64(Schema schema, long value) {
        return Timestamp.LOGICAL_NAME.equals(schema.name()) ? Timestamp.toLogical(schema, value) : value;
    }

    /**
     * JsonConverter reads a decimal as a BigDecimal and takes its double, which is the correctly rounded value
     * as Jackson's parse is. They differ only at the edges, left to JsonConverter: -0.0 (a BigDecimal has no
     * sign of zero) and exponents beyond a BigDecimal's range (an error there, zero or infinity here).
     */
    private static Object float64(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return isLong(parser, token) ? (double) parser.getLongValue() : UNDECIDED;
        }
        if (token != JsonToken.VALUE_NUMBER_FLOAT) {
            return UNDECIDED;
        }
        double value = parser.getDoubleValue();
        return value == 0.0 || Double.isInfinite(value) ? UNDECIDED : value;
    }

    private static boolean isInt(JsonParser parser, JsonToken token) throws IOException {
        return token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT;
    }

    private static boolean isLong(JsonParser parser, JsonToken token) throws IOException {
        return token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
    }

    static boolean isNullable(Schema schema) {
        return schema.isOptional() && schema.defaultValue() == null;
    }

    private static boolean isFlatPrimitive(Schema schema) {
        String name = schema.name();
        return switch (schema.type()) {
            case BOOLEAN, INT8, INT16, INT64, FLOAT64, STRING -> name == null || !isLogical(name)
                    || Timestamp.LOGICAL_NAME.equals(name) && schema.type() == Schema.Type.INT64;
            case INT32 -> name == null || !isLogical(name) || Date.LOGICAL_NAME.equals(name)
                    || Time.LOGICAL_NAME.equals(name);
            default -> false;
        };
    }

    private static boolean isLogical(String name) {
        return name.startsWith("org.apache.kafka.connect.data.");
    }
}

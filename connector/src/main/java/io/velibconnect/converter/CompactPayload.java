package io.velibconnect.converter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads a flat struct's payload in the exact form JsonConverter writes it, straight from the bytes: every field of
 * the schema once, in the schema's order, no whitespace, strings of printable ASCII without escapes, numbers of at
 * most 18 digits. That is every payload JsonConverter writes for the station records, and it is read without a
 * tokenizer. Anything else (accents, escapes, spacing, reordered fields, long numbers, a string longer than
 * Jackson's parsers allow) gives null, and the caller reads the payload with Jackson's tokens instead; malformed
 * JSON gives null too, never a value.
 */
final class CompactPayload {

    private static final int MAX_DIGITS = 18;
    private static final int MAX_DECIMAL_LENGTH = 32;
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    private final int maxStringLength;
    private final Schema[] schemas;
    /** {@code "name":} of each field, with the comma before it for all but the first. */
    private final byte[][] names;

    /** {@code maxStringLength}: the longest string Jackson reads (its StreamReadConstraints); longer is null. */
    CompactPayload(List<Field> fields, int maxStringLength) {
        this.maxStringLength = maxStringLength;
        schemas = new Schema[fields.size()];
        names = new byte[fields.size()][];
        for (Field field : fields) {
            schemas[field.index()] = field.schema();
            names[field.index()] = ascii((field.index() == 0 ? "\"" : ",\"") + field.name() + "\":");
        }
    }

    /** The field values of the payload in {@code bytes[start, end)}, or null when it is not in the compact form. */
    Object[] values(byte[] bytes, int start, int end) {
        Object[] values = new Object[schemas.length];
        Cursor at = new Cursor(bytes, start, end);
        if (!at.skip('{')) {
            return null;
        }
        for (int i = 0; i < schemas.length; i++) {
            if (!at.skip(names[i])) {
                return null;
            }
            Object value = value(schemas[i], at);
            if (value == FlatPayload.UNDECIDED) {
                return null;
            }
            values[i] = value;
        }
        return at.skip('}') && at.atEnd() ? values : null;
    }

    private Object value(Schema schema, Cursor at) {
        if (at.skip(NULL)) {
            return FlatPayload.isNullable(schema) ? null : FlatPayload.UNDECIDED;
        }
        try {
            return switch (schema.type()) {
                case BOOLEAN -> at.skip(TRUE) ? Boolean.TRUE : at.skip(FALSE) ? Boolean.FALSE : FlatPayload.UNDECIDED;
                case STRING -> at.string(maxStringLength);
                case INT8, INT16, INT32 -> {
                    long n = at.integer();
                    yield at.failed() || n != (int) n ? FlatPayload.UNDECIDED : FlatPayload.int32(schema, (int) n);
                }
                case INT64 -> {
                    long n = at.integer();
                    yield at.failed() ? FlatPayload.UNDECIDED : FlatPayload.int64(schema, n);
                }
                case FLOAT64 -> at.decimal();
                default -> FlatPayload.UNDECIDED;
            };
        } catch (DataException e) {
            return FlatPayload.UNDECIDED;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A read position in the payload's bytes; a failed read leaves {@link #failed()} true. */
    private static final class Cursor {
        private final byte[] bytes;
        private final int end;
        private int pos;
        private boolean failed;

        Cursor(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.pos = start;
            this.end = end;
        }

        boolean failed() {
            return failed;
        }

        boolean atEnd() {
            return pos == end;
        }

        boolean skip(char c) {
            if (pos < end && bytes[pos] == c) {
                pos++;
                return true;
            }
            return false;
        }

        boolean skip(byte[] expected) {
            int to = pos + expected.length;
            if (to <= end && Arrays.equals(bytes, pos, to, expected, 0, expected.length)) {
                pos = to;
                return true;
            }
            return false;
        }

        /** A string of printable ASCII without escapes, of at most {@code maxLength} characters. */
        Object string(int maxLength) {
            if (!skip('"')) {
                return FlatPayload.UNDECIDED;
            }
            int from = pos;
            while (pos < end && pos - from <= maxLength) {
                byte b = bytes[pos];
                if (b == '"') {
                    return new String(bytes, from, pos++ - from, StandardCharsets.ISO_8859_1);
                }
                if (b < 0x20 || b == '\\') {
                    return FlatPayload.UNDECIDED;
                }
                pos++;
            }
            return FlatPayload.UNDECIDED;
        }

        /** A JSON integer (no fraction, no exponent) of at most 18 digits; sets failed otherwise. */
        long integer() {
            int from = pos;
            long value = digits();
            if (failed || pos < end && (bytes[pos] == '.' || bytes[pos] == 'e' || bytes[pos] == 'E')) {
                failed = true;
                pos = from;
            }
            return value;
        }

        /**
         * A JSON number as JsonConverter reads it into a float64 (BigDecimal's double, or the integer's); zero and
         * out-of-range values, where the two may differ, are UNDECIDED.
         */
        Object decimal() {
            int from = pos;
            long integer = digits();
            if (failed) {
                return FlatPayload.UNDECIDED;
            }
            boolean fraction = skip('.');
            if (fraction && !fractionDigits()) {
                return FlatPayload.UNDECIDED;
            }
            boolean exponent = skip('e') || skip('E');
            if (exponent) {
                if (!skip('+')) {
                    skip('-');
                }
                if (!fractionDigits()) {
                    return FlatPayload.UNDECIDED;
                }
            }
            if (!fraction && !exponent) {
                return (double) integer;
            }
            if (pos - from > MAX_DECIMAL_LENGTH) {
                return FlatPayload.UNDECIDED;
            }
            double value = Double.parseDouble(new String(bytes, from, pos - from, StandardCharsets.ISO_8859_1));
            return value == 0.0 || Double.isInfinite(value) ? FlatPayload.UNDECIDED : value;
        }

        /** An optional minus and the integer part: 0 or a non-zero digit and at most 17 more. */
        private long digits() {
            boolean negative = skip('-');
            int from = pos;
            long value = 0;
            while (pos < end && bytes[pos] >= '0' && bytes[pos] <= '9' && pos - from < MAX_DIGITS) {
                value = value * 10 + (bytes[pos++] - '0');
            }
            int count = pos - from;
            boolean moreDigits = pos < end && bytes[pos] >= '0' && bytes[pos] <= '9';
            if (count == 0 || moreDigits || count > 1 && bytes[from] == '0') {
                failed = true;
            }
            return negative ? -value : value;
        }

        private boolean fractionDigits() {
            int from = pos;
            while (pos < end && bytes[pos] >= '0' && bytes[pos] <= '9') {
                pos++;
            }
            return pos > from;
        }
    }
}

package io.velibconnect.converter;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * What one converter makes of one record: its schema and value, or the DataException it throws (any other
 * exception escapes). Two converters agree on a record when their outcomes are equal.
 */
record ReadOutcome(SchemaAndValue read, String error) {

    private static final int SHOWN = 300;

    static ReadOutcome of(JsonConverter converter, String topic, byte[] record) {
        try {
            return new ReadOutcome(converter.toConnectData(topic, record), null);
        } catch (DataException e) {
            return new ReadOutcome(null, e.getClass().getName() + ": " + e.getMessage());
        }
    }

    /** Fails, naming both outcomes and the record (each cut to a few hundred characters), unless they agree. */
    static void assertSame(ReadOutcome expected, ReadOutcome actual, byte[] record) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError("expected " + shown(expected) + "\n but was " + shown(actual) + "\n for "
                    + shown(new String(record, StandardCharsets.UTF_8)));
        }
    }

    private static String shown(Object o) {
        String text = String.valueOf(o);
        return text.length() <= SHOWN ? text
                : text.substring(0, SHOWN) + "… (" + text.length() + " characters)";
    }
}

package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.velibconnect.records.StationSchemas;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Coverage-guided fuzzing of the aggregator's input decoding: any Connect value (a Struct of any flat or nested
 * schema, a schemaless map, any other object, null) under any key is a status and an information, or a
 * {@link BadStationRecord} that names the station and says what is wrong in one printable line, never another
 * exception. Without JAZZER_FUZZ this replays the committed inputs under {@code InputRecordsFuzzTestInputs/}.
 */
class InputRecordsFuzzTest {

    /** The names the decoder looks for, and one it does not. */
    private static final String[] NAMES = {StationSchemas.STATION_ID, StationSchemas.STATION_CODE,
        StationSchemas.NUM_BIKES_AVAILABLE, StationSchemas.MECHANICAL, StationSchemas.EBIKE,
        StationSchemas.NUM_DOCKS_AVAILABLE, StationSchemas.LAST_REPORTED, StationSchemas.LAST_UPDATED,
        StationSchemas.POST_CODE, StationSchemas.CAPACITY, "other"};
    private static final Schema[] FIELD_SCHEMAS = {Schema.OPTIONAL_STRING_SCHEMA, Schema.OPTIONAL_INT8_SCHEMA,
        Schema.OPTIONAL_INT16_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA,
        Schema.OPTIONAL_FLOAT64_SCHEMA, Schema.OPTIONAL_BOOLEAN_SCHEMA, Schema.OPTIONAL_BYTES_SCHEMA,
        Timestamp.builder().optional().build(), StationSchemas.STATUS};
    private static final int MAX_FIELDS = 12;
    private static final int MAX_STRING = 40;

    private interface Decoding {
        Object decode() throws BadStationRecord;
    }

    @FuzzTest(maxDuration = "60s")
    void decodesOrRejectsEveryValue(FuzzedDataProvider data) {
        Object key = data.consumeBoolean() ? data.consumeString(MAX_STRING) : leaf(data);
        SinkRecord record = new SinkRecord("velib-projet", 0, null, key, null, value(data), data.consumeLong());
        InputRecords.removedKey(record);
        decodesOrRejects(() -> InputRecords.status(record));
        decodesOrRejects(() -> InputRecords.information(record.key(), record.value()));
    }

    private static void decodesOrRejects(Decoding decoding) {
        try {
            assertNotNull(decoding.decode());
        } catch (BadStationRecord e) {
            assertNotNull(e.station());
            assertFalse(e.getMessage().isBlank());
            assertTrue((e.station() + e.getMessage()).chars().noneMatch(Character::isISOControl),
                    () -> "one printable line: " + e.station() + " " + e.getMessage());
        }
    }

    private static Object value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> struct(data, data.consumeBoolean() ? StationSchemas.STATUS : schema(data));
            case 1 -> map(data);
            case 2 -> leaf(data);
            default -> null;
        };
    }

    /** A struct schema of fuzzed optional fields, mostly of the names the decoder reads. */
    private static Schema schema(FuzzedDataProvider data) {
        SchemaBuilder builder = SchemaBuilder.struct();
        List<String> names = new ArrayList<>();
        for (int n = data.consumeInt(0, MAX_FIELDS); n > 0; n--) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(MAX_STRING);
            if (!name.isEmpty() && !names.contains(name)) {
                names.add(name);
                builder.field(name, data.pickValue(FIELD_SCHEMAS));
            }
        }
        return builder.build();
    }

    private static Struct struct(FuzzedDataProvider data, Schema schema) {
        Struct struct = new Struct(schema);
        for (org.apache.kafka.connect.data.Field field : schema.fields()) {
            if (data.consumeBoolean() || !field.schema().isOptional()) {
                struct.put(field, typed(data, field.schema()));
            }
        }
        return struct;
    }

    /** A value of {@code schema}'s type, as Struct.put accepts it. */
    private static Object typed(FuzzedDataProvider data, Schema schema) {
        if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
            return new Date(data.consumeLong());
        }
        return switch (schema.type()) {
            case STRING -> data.consumeString(MAX_STRING);
            case INT8 -> data.consumeByte();
            case INT16 -> data.consumeShort();
            case INT32 -> data.consumeInt();
            case INT64 -> data.consumeLong();
            case FLOAT64 -> data.consumeDouble();
            case BOOLEAN -> data.consumeBoolean();
            case BYTES -> data.consumeBytes(MAX_STRING);
            default -> struct(data, schema);
        };
    }

    /** A schemaless value as JsonConverter gives it, with any keys and values. */
    private static Map<Object, Object> map(FuzzedDataProvider data) {
        Map<Object, Object> map = new HashMap<>();
        for (int n = data.consumeInt(0, MAX_FIELDS); n > 0; n--) {
            Object key = data.consumeBoolean() ? data.pickValue(NAMES) : leaf(data);
            map.put(key, data.consumeInt(0, 7) == 0 ? map(data) : leaf(data));
        }
        return map;
    }

    private static Object leaf(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 11)) {
            case 0 -> data.consumeString(MAX_STRING);
            case 1 -> data.consumeInt();
            case 2 -> data.consumeLong();
            case 3 -> data.consumeShort();
            case 4 -> data.consumeByte();
            case 5 -> data.consumeDouble();
            case 6 -> data.consumeBoolean();
            case 7 -> new Date(data.consumeLong());
            case 8 -> data.consumeBytes(MAX_STRING);
            case 9 -> List.of(data.consumeInt(), data.consumeString(MAX_STRING));
            case 10 -> new java.math.BigDecimal(data.consumeLong()).scaleByPowerOfTen(data.consumeInt(-40, 40));
            default -> null;
        };
    }
}

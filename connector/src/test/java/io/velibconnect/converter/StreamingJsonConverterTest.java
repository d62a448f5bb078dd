package io.velibconnect.converter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.StreamReadConstraints;
import io.velibconnect.records.StationSchemas;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link StreamingJsonConverter} must read every record exactly as {@link JsonConverter} does: same schema, same
 * value, or the same error. Checked on every station of every recorded feed, on hand-made payload oddities, and
 * on random corruptions of real records. Which records skip JsonConverter's tree is seen through
 * {@link TreeCountingConverter}.
 */
class StreamingJsonConverterTest {

    private static final String TOPIC = RecordedStationRecords.TOPIC;
    private static List<byte[]> statuses;
    private static List<byte[]> informations;
    /** Values given to {@link #assertWritesAsReference} but null with no schema, which JsonConverter writes as null. */
    private long writes;

    private final JsonConverter reference = converter(new JsonConverter(), Map.of());
    private final TreeCountingConverter converter = converter(new TreeCountingConverter(), Map.of());

    @BeforeAll
    static void writeRecordedStations() throws Exception {
        RecordedStationRecords recorded = RecordedStationRecords.read();
        statuses = recorded.statuses();
        informations = recorded.informations();
    }

    @Test
    void everyRecordedStationReadsAsJsonConverterReadsItWithoutItsTree() {
        assertTrue(statuses.size() > 30_000 && informations.size() > 15_000,
                statuses.size() + " statuses, " + informations.size() + " informations");
        Stream.concat(statuses.stream(), informations.stream()).forEach(this::assertReadsAsReference);
        assertEquals(2, converter.treeReads(), "only the first record of each schema is read by JsonConverter");
    }

    /** The compact reader covers every status JsonConverter writes, and every information with an ASCII name. */
    @Test
    void jsonConvertersOwnOutputIsReadWithoutTokenizing() {
        FlatPayload status = FlatPayload.of(StationSchemas.STATUS, StreamReadConstraints.defaults()).orElseThrow();
        FlatPayload information = FlatPayload.of(StationSchemas.INFORMATION, StreamReadConstraints.defaults()).orElseThrow();
        for (byte[] record : statuses) {
            assertEquals(reference.toConnectData(TOPIC, record).value(), compact(status, record));
        }
        long ascii = 0;
        for (byte[] record : informations) {
            Object read = compact(information, record);
            boolean isAscii = new String(record, StandardCharsets.UTF_8).chars().allMatch(c -> c < 0x80);
            assertEquals(isAscii ? reference.toConnectData(TOPIC, record).value() : FlatPayload.UNDECIDED, read);
            ascii += isAscii ? 1 : 0;
        }
        assertTrue(ascii > 1_000, ascii + " informations in ASCII");
    }

    @Test
    void otherFormsOfTheSamePayloadAreReadWithJacksonTokens() {
        FlatPayload status = FlatPayload.of(StationSchemas.STATUS, StreamReadConstraints.defaults()).orElseThrow();
        String json = new String(statuses.get(0), StandardCharsets.UTF_8);
        int payload = json.indexOf("\"payload\":") + "\"payload\":".length();
        String prefix = json.substring(0, payload);
        String body = json.substring(payload);
        assertReadsAsReference(statuses.get(0));
        for (String other : Stream.of(body.replace(",\"", ", \""),
                body.replace("\"stationCode\"", "\"station\\u0043ode\""),
                body.replaceFirst("\"num_bikes_available\":(\\d+)",
                        "\"num_bikes_available\":$1,\"num_bikes_available\":$1"),
                body.replace("\"system_id\":\"velib\"", "\"system_id\":\"v\\u00e9lib\""),
                body.replace("\"system_id\":\"velib\"", "\"system_id\":\"vélib\"")).map(b -> prefix + b).toList()) {
            byte[] record = other.getBytes(StandardCharsets.UTF_8);
            assertEquals(FlatPayload.UNDECIDED, compact(status, record), other);
            assertTrue(readsDirectly(record), other);
        }
    }

    private static Object compact(FlatPayload payload, byte[] record) {
        String json = new String(record, StandardCharsets.ISO_8859_1);
        return payload.readCompact(record, json.indexOf("\"payload\":") + "\"payload\":".length(),
                json.lastIndexOf('}'));
    }

    @Test
    void writesEveryRecordedStationAsJsonConverterWritesIt() {
        Stream.concat(statuses.stream(), informations.stream()).forEach(record -> {
            SchemaAndValue read = reference.toConnectData(TOPIC, record);
            assertWritesAsReference(read.schema(), read.value());
        });
        assertEquals(2, converter.treeWrites(), "only the first record of each schema is written by JsonConverter");
    }

    /** Random strings (quotes, escapes, control characters, accents, surrogate pairs), numbers and nulls. */
    @Test
    void writesRandomStructsAsJsonConverterWritesThem() {
        Random random = new Random(75016);
        Schema schema = SchemaBuilder.struct().name("odd")
                .field("s", Schema.OPTIONAL_STRING_SCHEMA).field("d", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .field("i8", Schema.OPTIONAL_INT8_SCHEMA).field("i16", Schema.OPTIONAL_INT16_SCHEMA)
                .field("l", Schema.INT64_SCHEMA).field("b", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("day", org.apache.kafka.connect.data.Date.builder().optional().build())
                .field("time", org.apache.kafka.connect.data.Time.builder().optional().build())
                .build();
        String alphabet = "aé\"\\/\n\t\u0000\u001f\u007f\u2028€😀 ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int c = random.nextInt(12); c > 0; c--) {
                text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            long day = 86_400_000L * (random.nextInt(40_000) - 20_000);
            Struct struct = new Struct(schema)
                    .put("s", random.nextInt(5) == 0 ? null : text.toString())
                    .put("d", random.nextInt(5) == 0 ? null : switch (random.nextInt(4)) {
                        case 0 -> random.nextDouble() * 180 - 90;
                        case 1 -> Double.longBitsToDouble(random.nextLong());
                        case 2 -> (double) random.nextInt();
                        default -> -0.0;
                    })
                    .put("i8", (byte) random.nextInt()).put("i16", (short) random.nextInt())
                    .put("l", random.nextLong()).put("b", random.nextBoolean())
                    .put("day", random.nextBoolean() ? null : new java.util.Date(day))
                    .put("time", new java.util.Date(random.nextInt(86_400_000)));
            assertWritesAsReference(schema, struct);
        }
        assertEquals(1, converter.treeWrites(), "only the first struct is written by JsonConverter");
    }

    @Test
    void leavesToJsonConverterWhatItMustWrite() {
        Schema withDefault = SchemaBuilder.struct().field("n", SchemaBuilder.int32().defaultValue(3).build()).build();
        assertWritesAsReference(withDefault, new Struct(withDefault));
        assertWritesAsReference(withDefault, new Struct(withDefault).put("n", 4));
        Struct status = (Struct) reference.toConnectData(TOPIC, statuses.get(0)).value();
        assertWritesAsReference(StationSchemas.STATUS, status);
        Struct missingRequired = new Struct(StationSchemas.STATUS);
        assertWritesAsReference(StationSchemas.STATUS, missingRequired);
        assertWritesAsReference(StationSchemas.INFORMATION, status);
        assertWritesAsReference(Schema.STRING_SCHEMA, "16107");
        assertWritesAsReference(null, null);
        Schema nested = SchemaBuilder.struct().field("inner", StationSchemas.STATUS).build();
        assertWritesAsReference(nested, new Struct(nested).put("inner", status));
        assertWritesAsReference(nested, new Struct(nested).put("inner", status));
        assertEquals(writes, converter.treeWrites(), "all by JsonConverter: the first status teaches its prefix, "
                + "the others are not flat, have defaults or miss a required value");
    }

    private void assertWritesAsReference(Schema schema, Object value) {
        writes += schema == null && value == null ? 0 : 1;
        Object expected;
        Object actual;
        try {
            byte[] bytes = reference.fromConnectData(TOPIC, schema, value);
            expected = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        } catch (DataException e) {
            expected = e.getClass().getName() + ": " + e.getMessage();
        }
        try {
            byte[] bytes = converter.fromConnectData(TOPIC, schema, value);
            actual = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        } catch (DataException e) {
            actual = e.getClass().getName() + ": " + e.getMessage();
        }
        assertEquals(expected, actual, () -> String.valueOf(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"num_bikes_available\":null", "\"num_bikes_available\":\"7\"", "\"num_bikes_available\":7.5",
        "\"num_bikes_available\":3000000000", "\"num_bikes_available\":99999999999999999999",
        "\"num_bikes_available\":true", "\"num_bikes_available\":[7]", "\"num_bikes_available\":{\"n\":7}",
        "\"station_id\":null", "\"station_id\":7", "\"stationCode\":null", "\"is_renting\":1",
        "\"last_updated\":null", "\"last_updated\":\"2024-12-15\"", "\"last_updated\":1.7E12",
        "\"last_updated\":99999999999999999999", "\"last_reported\":null", "\"mechanical\":-2147483648",
        "\"extra\":{\"nested\":[1,{\"a\":null}]},\"num_bikes_available\":4",
        "\"num_bikes_available\":1,\"num_bikes_available\":2", "\"num_bikes_available\":2,\"num_bikes_available\":null",
        "\"num_bikes_available\" : 5 ", "\"num_bikes_available\":05", "\"num_bikes_available\":-0",
    })
    void oddStatusFieldsReadAsJsonConverterReadsThem(String replacement) {
        byte[] record = statuses.get(0);
        assertReadsAsReference(record);
        String json = new String(record, StandardCharsets.UTF_8);
        String odd = json.replaceFirst("\"num_bikes_available\":\\d+", replacement.replace("$", "\\$"));
        assertReadsAsReference(odd.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.0", "0.0", "0", "-0", "1e400", "48.8565123456789012345678", "2", "4.9e-324",
        "\"48.8\""})
    void oddCoordinatesReadAsJsonConverterReadsThem(String lat) {
        byte[] record = informations.get(0);
        assertReadsAsReference(record);
        String json = new String(record, StandardCharsets.UTF_8);
        assertReadsAsReference(json.replaceFirst("\"lat\":[-0-9.Ee]+", "\"lat\":" + lat)
                .getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing-field", "empty-payload", "null-payload", "array-payload", "trailing-garbage",
        "second-payload", "truncated", "whitespace-after", "no-closing-brace", "extra-envelope-field"})
    void oddEnvelopesReadAsJsonConverterReadsThem(String oddity) {
        byte[] record = statuses.get(0);
        assertReadsAsReference(record);
        String json = new String(record, StandardCharsets.UTF_8);
        int payload = json.indexOf("\"payload\":") + "\"payload\":".length();
        String prefix = json.substring(0, payload);
        String body = json.substring(payload, json.length() - 1);
        String odd = switch (oddity) {
            case "missing-field" -> prefix + body.replaceFirst("\"last_updated\":\\d+,?", "") + "}";
            case "empty-payload" -> prefix + "{}}";
            case "null-payload" -> prefix + "null}";
            case "array-payload" -> prefix + "[" + body + "]}";
            case "trailing-garbage" -> json + "x";
            case "second-payload" -> prefix + body + ",\"payload\":" + body + "}";
            case "truncated" -> json.substring(0, json.length() - 20);
            case "whitespace-after" -> json + " \n\t";
            case "no-closing-brace" -> json.substring(0, json.length() - 1) + " ";
            case "extra-envelope-field" -> prefix + body + ",\"extra\":1}";
            default -> throw new IllegalArgumentException(oddity);
        };
        assertReadsAsReference(odd.getBytes(StandardCharsets.UTF_8));
    }

    /** JSON may come in UTF-16 or UTF-32, with or without a byte order mark; Jackson detects which. */
    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE", "UTF-16", "UTF-32", "UTF-8-BOM",
        "UTF-16LE-BOM", "UTF-32LE-BOM"})
    void recordsInOtherEncodingsReadAsJsonConverterReadsThem(String encoding) {
        for (byte[] utf8 : List.of(statuses.get(0), statuses.get(1), informations.get(0), informations.get(1))) {
            assertReadsAsReference(encode(new String(utf8, StandardCharsets.UTF_8), encoding));
        }
        for (byte[] utf8 : List.of(statuses.get(2), informations.get(2))) {
            assertReadsAsReference(utf8);
        }
    }

    private static byte[] encode(String json, String encoding) {
        boolean bom = encoding.endsWith("-BOM");
        String charset = bom ? encoding.substring(0, encoding.length() - "-BOM".length()) : encoding;
        return (bom ? "\uFEFF" + json : json).getBytes(java.nio.charset.Charset.forName(charset));
    }

    /**
     * A payload read on its own must be read as UTF-8, as it is inside the record: a byte order mark or zero bytes
     * at its start must not make it UTF-16 or UTF-32, where JsonConverter sees invalid UTF-8.
     */
    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "UTF-8-BOM", "UTF-16LE-BOM"})
    void aPayloadInAnotherEncodingThanItsRecordIsJsonConvertersError(String encoding) {
        JsonConverter writer = converter(new JsonConverter(), Map.of());
        byte[] key = writer.fromConnectData(TOPIC, Schema.STRING_SCHEMA, "16107");
        byte[] status = statuses.get(0);
        for (byte[] record : List.of(key, status)) {
            assertReadsAsReference(record);
            String json = new String(record, StandardCharsets.UTF_8);
            int payload = json.indexOf("\"payload\":") + "\"payload\":".length();
            byte[] prefix = json.substring(0, payload).getBytes(StandardCharsets.UTF_8);
            byte[] body = encode(json.substring(payload, json.length() - 1), encoding);
            byte[] odd = new byte[prefix.length + body.length + 1];
            System.arraycopy(prefix, 0, odd, 0, prefix.length);
            System.arraycopy(body, 0, odd, prefix.length, body.length);
            odd[odd.length - 1] = '}';
            assertReadsAsReference(odd);
        }
    }

    /**
     * Jackson's StreamReadConstraints (a string of at most 20,000,000 characters by default) make JsonConverter
     * fail on a longer string; the payload readers keep to the same limit, in ASCII (read from the bytes) and
     * not (read with Jackson's tokens).
     */
    @ParameterizedTest
    @ValueSource(strings = {"a", "é"})
    void aStringLongerThanJacksonAllowsIsJsonConvertersError(String letter) {
        int max = StreamReadConstraints.defaults().getMaxStringLength();
        byte[] record = informations.get(0);
        assertReadsAsReference(record);
        String json = new String(record, StandardCharsets.UTF_8);
        int payload = json.indexOf("\"payload\":");
        List<Boolean> direct = new ArrayList<>();
        for (int length : new int[] {max, max + 1}) {
            String name = letter.repeat(length);
            byte[] odd = (json.substring(0, payload) + json.substring(payload)
                    .replaceFirst("\"name\":\"[^\"]*\"", "\"name\":\"" + name + "\""))
                    .getBytes(StandardCharsets.UTF_8);
            direct.add(readsDirectly(odd));
        }
        assertEquals(List.of(true, false), direct, "a name of " + max + " characters is read directly");
    }

    /**
     * Values at Jackson's limits and at the edges of JSON and UTF-8, in a string, an integer and a float64 field:
     * non-finite numbers, a number of more digits than Jackson allows, nesting deeper than it allows, lone
     * surrogates (escaped and raw), overlong and invalid UTF-8, escaped and raw control characters.
     */
    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+1", "0x10", "1_000", "DIGITS", "NESTED",
        "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"", "\"RAW:eda080\"",
        "\"RAW:edb080\"", "\"RAW:c0af\"", "\"RAW:e080af\"", "\"RAW:f4908080\"", "\"RAW:ff\"", "\"RAW:00\"",
        "\"RAW:7f\"", "\"RAW:e280a8\""})
    void valuesAtTheEdgesOfJsonReadAsJsonConverterReadsThem(String value) {
        byte[] information = informations.get(0);
        assertReadsAsReference(information);
        String json = new String(information, StandardCharsets.UTF_8);
        int payload = json.indexOf("\"payload\":");
        String odd = switch (value) {
            case "DIGITS" -> "1".repeat(StreamReadConstraints.defaults().getMaxNumberLength() + 1);
            case "NESTED" -> "[".repeat(StreamReadConstraints.defaults().getMaxNestingDepth() + 1)
                    + "]".repeat(StreamReadConstraints.defaults().getMaxNestingDepth() + 1);
            default -> value;
        };
        for (String field : List.of("\"name\":\"[^\"]*\"", "\"capacity\":\\d+", "\"lat\":[-0-9.Ee]+")) {
            String name = field.substring(0, field.indexOf(':') + 1);
            String edited = json.substring(0, payload) + json.substring(payload).replaceFirst(field, name + "ODD");
            assertTrue(edited.contains("ODD"), field);
            assertReadsAsReference(withRawBytes(edited.replace("ODD", odd)));
        }
    }

    /** The text in UTF-8, each {@code RAW:hex} in it replaced by those bytes. */
    private static byte[] withRawBytes(String text) {
        java.util.regex.Matcher raw = java.util.regex.Pattern.compile("RAW:([0-9a-f]+)").matcher(text);
        if (!raw.find()) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] before = text.substring(0, raw.start()).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.HexFormat.of().parseHex(raw.group(1));
        byte[] after = text.substring(raw.end()).getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(before, before.length + bytes.length + after.length);
        System.arraycopy(bytes, 0, all, before.length, bytes.length);
        System.arraycopy(after, 0, all, before.length + bytes.length, after.length);
        return all;
    }

    /** Random byte edits of real records, mostly in the payload: every outcome must be JsonConverter's. */
    @Test
    void randomlyCorruptedRecordsReadAsJsonConverterReadsThem() {
        Random random = new Random(20241215);
        byte[] alphabet = "{}[]\",:0123456789.-+eEtrufalsn \\x".getBytes(StandardCharsets.US_ASCII);
        assertReadsAsReference(statuses.get(0));
        assertReadsAsReference(informations.get(0));
        long direct = 0;
        for (int i = 0; i < 20_000; i++) {
            List<byte[]> pool = i % 2 == 0 ? statuses : informations;
            byte[] record = pool.get(random.nextInt(pool.size())).clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int span = random.nextInt(4) == 0 ? record.length : Math.min(record.length, 400);
                int at = record.length - 1 - random.nextInt(span);
                record = switch (random.nextInt(3)) {
                    case 0 -> replace(record, at, alphabet[random.nextInt(alphabet.length)]);
                    case 1 -> delete(record, at);
                    default -> insert(record, at, alphabet[random.nextInt(alphabet.length)]);
                };
            }
            direct += readsDirectly(record) ? 1 : 0;
        }
        long readDirectly = direct;
        assertTrue(readDirectly > 500, () -> readDirectly + " corrupted records still valid and read directly");
    }

    @Test
    void primitiveKeysAreReadDirectlyNestedSchemasByJsonConverter() {
        JsonConverter writer = converter(new JsonConverter(), Map.of());
        List<Boolean> direct = new ArrayList<>();
        for (String key : List.of("16107", "32017", "", "é\"\\u0000")) {
            direct.add(readsDirectly(writer.fromConnectData(TOPIC, Schema.STRING_SCHEMA, key)));
        }
        Schema nested = SchemaBuilder.struct().field("inner", StationSchemas.STATUS).build();
        Struct inner = (Struct) reference.toConnectData(TOPIC, statuses.get(0)).value();
        byte[] nestedRecord = writer.fromConnectData(TOPIC, nested, new Struct(nested).put("inner", inner));
        direct.add(readsDirectly(nestedRecord));
        direct.add(readsDirectly(nestedRecord));
        assertEquals(List.of(false, true, true, true, false, false), direct,
                "the string keys after the first; never the nested struct");
    }

    /**
     * Without schemas, or with a fixed one, an envelope is no schema: read directly, a key record would give its
     * payload's string where JsonConverter gives the whole envelope (a map) or, with a fixed string schema, null.
     */
    @Test
    void withoutSchemasOrWithAFixedSchemaItIsJsonConverter() {
        JsonConverter writer = converter(new JsonConverter(), Map.of());
        List<byte[]> records = new ArrayList<>(statuses.subList(0, 10));
        for (String key : List.of("16107", "32017", "16107")) {
            records.add(writer.fromConnectData(TOPIC, Schema.STRING_SCHEMA, key));
        }
        for (Map<String, String> config : List.of(Map.of("schemas.enable", "false"),
                Map.of("schema.content", "{\"type\":\"string\"}"))) {
            StreamingJsonConverter ours = converter(new StreamingJsonConverter(), config);
            JsonConverter theirs = converter(new JsonConverter(), config);
            for (byte[] record : records) {
                assertEquals(theirs.toConnectData(TOPIC, record), ours.toConnectData(TOPIC, record),
                        () -> config + ": " + new String(record, StandardCharsets.UTF_8));
            }
        }
    }

    private void assertReadsAsReference(byte[] record) {
        ReadOutcome.assertSame(ReadOutcome.of(reference, TOPIC, record), ReadOutcome.of(converter, TOPIC, record),
                record);
    }

    /**
     * Asserts that the record reads as JsonConverter reads it, and tells whether it was read without
     * JsonConverter's tree: a value (JsonConverter reads no value without its tree) and no tree read.
     */
    private boolean readsDirectly(byte[] record) {
        long before = converter.treeReads();
        ReadOutcome outcome = ReadOutcome.of(converter, TOPIC, record);
        ReadOutcome.assertSame(ReadOutcome.of(reference, TOPIC, record), outcome, record);
        return outcome.error() == null && converter.treeReads() == before;
    }

    private static <C extends JsonConverter> C converter(C converter, Map<String, String> config) {
        converter.configure(config, false);
        return converter;
    }

    private static byte[] replace(byte[] record, int at, byte b) {
        byte[] copy = record.clone();
        copy[at] = b;
        return copy;
    }

    private static byte[] delete(byte[] record, int at) {
        byte[] copy = new byte[record.length - 1];
        System.arraycopy(record, 0, copy, 0, at);
        System.arraycopy(record, at + 1, copy, at, record.length - at - 1);
        return copy;
    }

    private static byte[] insert(byte[] record, int at, byte b) {
        byte[] copy = new byte[record.length + 1];
        System.arraycopy(record, 0, copy, 0, at);
        copy[at] = b;
        System.arraycopy(record, at, copy, at + 1, record.length - at);
        return copy;
    }
}

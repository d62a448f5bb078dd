package io.velibconnect.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.testing.SharedData;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link StationJsonConverter} must read every record exactly as {@link JsonConverter} does: same schema, same
 * value, or the same error. Checked on every station of every recorded feed, on hand-made payload oddities, and
 * on random corruptions of real records.
 */
class StationJsonConverterTest {

    private static final String TOPIC = "velib-projet";
    private static final FeedParser PARSER = new FeedParser();
    private static List<byte[]> statuses;
    private static List<byte[]> informations;

    private final JsonConverter reference = converter(new JsonConverter(), Map.of());
    private final StationJsonConverter converter = converter(new StationJsonConverter(), Map.of());

    @BeforeAll
    static void writeRecordedStations() throws Exception {
        JsonConverter writer = converter(new JsonConverter(), Map.of());
        statuses = new ArrayList<>();
        informations = new ArrayList<>();
        for (Path file : recordedStationFiles()) {
            byte[] body = Files.readAllBytes(file);
            if (file.getFileName().toString().startsWith("station_status")) {
                PARSER.parseStatus(body).stations().forEach(s -> statuses.add(writer.fromConnectData(TOPIC,
                        StationSchemas.STATUS, StationRecords.status(s, "velib"))));
            } else {
                PARSER.parseInformation(body).stations().forEach(s -> informations.add(writer.fromConnectData(
                        TOPIC, StationSchemas.INFORMATION, StationRecords.information(s, "velib"))));
            }
        }
    }

    @Test
    void everyRecordedStationReadsAsJsonConverterReadsItWithoutItsTree() {
        assertTrue(statuses.size() > 30_000 && informations.size() > 15_000,
                statuses.size() + " statuses, " + informations.size() + " informations");
        Stream.concat(statuses.stream(), informations.stream()).forEach(this::assertReadsAsReference);
        assertEquals(statuses.size() + informations.size() - 2, converter.readDirectly(),
                "all but the first record of each schema are read without JsonConverter");
    }

    @Test
    void writesWhatJsonConverterWrites() {
        Struct status = (Struct) reference.toConnectData(TOPIC, statuses.get(0)).value();
        assertEquals(new String(statuses.get(0), StandardCharsets.UTF_8),
                new String(converter.fromConnectData(TOPIC, StationSchemas.STATUS, status), StandardCharsets.UTF_8));
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

    /** Random byte edits of real records, mostly in the payload: every outcome must be JsonConverter's. */
    @Test
    void randomlyCorruptedRecordsReadAsJsonConverterReadsThem() {
        Random random = new Random(20241215);
        byte[] alphabet = "{}[]\",:0123456789.-+eEtrufalsn \\x".getBytes(StandardCharsets.US_ASCII);
        assertReadsAsReference(statuses.get(0));
        assertReadsAsReference(informations.get(0));
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
            assertReadsAsReference(record);
        }
        assertTrue(converter.readDirectly() > 1_000, "some corrupted records are still valid and read directly");
    }

    @Test
    void primitiveKeysAreReadDirectlyNestedSchemasByJsonConverter() {
        JsonConverter writer = converter(new JsonConverter(), Map.of());
        for (String key : List.of("16107", "32017", "", "é\"\\u0000")) {
            assertReadsAsReference(writer.fromConnectData(TOPIC, Schema.STRING_SCHEMA, key));
        }
        Schema nested = SchemaBuilder.struct().field("inner", StationSchemas.STATUS).build();
        Struct inner = (Struct) reference.toConnectData(TOPIC, statuses.get(0)).value();
        byte[] nestedRecord = writer.fromConnectData(TOPIC, nested, new Struct(nested).put("inner", inner));
        assertReadsAsReference(nestedRecord);
        assertReadsAsReference(nestedRecord);
        assertEquals(3, converter.readDirectly(), "the string keys after the first; never the nested struct");
    }

    @Test
    void withoutSchemasOrWithAFixedSchemaItIsJsonConverter() {
        for (Map<String, String> config : List.of(Map.of("schemas.enable", "false"),
                Map.of("schema.content", "{\"type\":\"string\"}"))) {
            StationJsonConverter ours = converter(new StationJsonConverter(), config);
            JsonConverter theirs = converter(new JsonConverter(), config);
            for (byte[] record : statuses.subList(0, 10)) {
                assertEquals(theirs.toConnectData(TOPIC, record), ours.toConnectData(TOPIC, record));
            }
            assertEquals(0, ours.readDirectly(), config.toString());
        }
    }

    private void assertReadsAsReference(byte[] record) {
        Object expected;
        Object actual;
        try {
            expected = reference.toConnectData(TOPIC, record);
        } catch (DataException e) {
            expected = e.getClass().getName() + ": " + e.getMessage();
        }
        try {
            actual = converter.toConnectData(TOPIC, record);
        } catch (DataException e) {
            actual = e.getClass().getName() + ": " + e.getMessage();
        }
        assertEquals(expected, actual, () -> new String(record, StandardCharsets.UTF_8));
    }

    private static <C extends JsonConverter> C converter(C converter, Map<String, String> config) {
        converter.configure(config, false);
        return converter;
    }

    private static List<Path> recordedStationFiles() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("velib", "other-systems")) {
            try (Stream<Path> walk = Files.walk(SharedData.dir(dir))) {
                walk.filter(p -> p.getFileName().toString().matches("station_(status|information).*\\.json"))
                        .sorted().forEach(files::add);
            }
        }
        return files;
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

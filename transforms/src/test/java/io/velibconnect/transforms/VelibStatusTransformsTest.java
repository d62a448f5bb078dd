package io.velibconnect.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Vélib' snapshot of 2024-12-15 10:35Z (1486 stations) through Where, StationCodeFilter and Select. */
class VelibStatusTransformsTest {

    private static List<Struct> structs;
    private static List<Map<String, Object>> maps;

    @BeforeAll
    static void read() {
        structs = VelibStatusRecords.structs(VelibStatusRecords.SNAPSHOT);
        maps = VelibStatusRecords.maps(VelibStatusRecords.SNAPSHOT);
        assertEquals(1486, structs.size());
    }

    private static <T extends Transformation<SourceRecord>> T configured(T transform, Map<String, String> config) {
        transform.configure(config);
        return transform;
    }

    private static List<SourceRecord> run(Transformation<SourceRecord> transform, List<?> values) {
        List<SourceRecord> out = new ArrayList<>();
        for (Object value : values) {
            SourceRecord result = transform.apply(VelibStatusRecords.record(value));
            if (result != null) {
                out.add(result);
            }
        }
        return out;
    }

    @Test
    void whereKeepsExactlyTheTwoStationsOfTheMission() {
        Where<SourceRecord> keep = configured(new Where.Value<>(),
                Map.of("where", "stationCode IN ('16107', '32017')"));
        List<SourceRecord> kept = run(keep, structs);
        assertEquals(2, kept.size());
        Struct first = (Struct) kept.get(0).value();
        Struct second = (Struct) kept.get(1).value();
        assertEquals("16107", first.getString("stationCode"));
        assertEquals("213688169", first.getString("station_id"));
        assertEquals(8, first.getInt32("num_bikes_available"));
        assertEquals(1, first.getInt32("mechanical"));
        assertEquals(7, first.getInt32("ebike"));
        assertEquals("32017", second.getString("stationCode"));
        assertEquals(12, second.getInt32("num_bikes_available"));
        assertEquals(7, second.getInt32("num_docks_available"));

        List<SourceRecord> keptMaps = run(keep, maps);
        assertEquals(List.of("16107", "32017"), keptMaps.stream()
                .map(r -> ((Map<?, ?>) r.value()).get("stationCode")).toList());
        assertEquals(8L, ((Map<?, ?>) keptMaps.get(0).value()).get("num_bikes_available"));
    }

    @Test
    void stationCodeFilterIsTheSameFilter() {
        StationCodeFilter<SourceRecord> filter = configured(new StationCodeFilter.Value<>(),
                Map.of("station.codes", "16107,32017"));
        assertEquals(List.of("16107", "32017"), run(filter, structs).stream()
                .map(r -> ((Struct) r.value()).getString("stationCode")).toList());
        assertEquals(2, run(filter, maps).size());
        SourceRecord removal = new SourceRecord(null, null, "velib-projet", null, Schema.STRING_SCHEMA, "16107", null,
                null);
        assertEquals(removal, filter.apply(removal), "a removed seed station's tombstone passes");
        assertNull(filter.apply(removal.newRecord("velib-projet", null, Schema.STRING_SCHEMA, "11025", null, null,
                null)), "another station's tombstone does not");
        assertEquals("`odd field`.code IN ('a''b', 'c')",
                StationCodeFilter.condition("odd field.code", List.of("a'b", "c")));
    }

    /** Differential test: each WHERE keeps exactly the stations a hand-written Java predicate keeps. */
    @Test
    void whereAgreesWithHandWrittenPredicatesOnEveryStation() {
        Map<String, Predicate<Struct>> cases = Map.of(
                "num_bikes_available = 0 AND is_renting", s -> s.getInt32("num_bikes_available") == 0
                        && s.getBoolean("is_renting"),
                "ebike > mechanical", s -> s.getInt32("ebike") > s.getInt32("mechanical"),
                "stationCode LIKE '16%'", s -> s.getString("stationCode").startsWith("16"),
                "NOT is_installed", s -> !s.getBoolean("is_installed"),
                "num_docks_available BETWEEN 10 AND 20 OR ebike % 2 = 1", s -> (s.getInt32("num_docks_available")
                        >= 10 && s.getInt32("num_docks_available") <= 20) || s.getInt32("ebike") % 2 == 1,
                "CAST(stationCode AS INT) / 1000 = 16", s -> Integer.parseInt(s.getString("stationCode")) / 1000 == 16,
                "last_reported < CAST('2024-11-15T00:00:00Z' AS TIMESTAMP)",
                s -> ((java.util.Date) s.get("last_reported")).toInstant()
                        .isBefore(java.time.Instant.parse("2024-11-15T00:00:00Z")));
        Map<String, Integer> expectedCounts = Map.of("num_bikes_available = 0 AND is_renting", 47,
                "ebike > mechanical", 611, "stationCode LIKE '16%'", 63, "NOT is_installed", 28);
        for (Map.Entry<String, Predicate<Struct>> c : cases.entrySet()) {
            Where<SourceRecord> where = configured(new Where.Value<>(), Map.of("where", c.getKey()));
            List<Struct> expected = structs.stream().filter(c.getValue()).toList();
            List<Object> actual = run(where, structs).stream().map(SourceRecord::value).toList();
            assertEquals(expected, actual, c.getKey());
            assertEquals(expected.size(), run(where, maps.stream().map(m -> {
                Map<String, Object> copy = new java.util.LinkedHashMap<>(m);
                copy.put("last_reported", new java.util.Date((Long) m.get("last_reported")));
                return copy;
            }).toList()).size(), "schemaless " + c.getKey());
            if (expectedCounts.containsKey(c.getKey())) {
                assertEquals(expectedCounts.get(c.getKey()), expected.size(), c.getKey());
            }
        }
    }

    @Test
    void selectReshapesWithADerivedSchema() {
        Select<SourceRecord> select = configured(new Select.Value<>(),
                Map.of("select", "stationCode, num_bikes_available AS bikes, mechanical + ebike AS total"));
        List<SourceRecord> out = run(select, structs);
        assertEquals(1486, out.size());
        Schema schema = out.get(0).valueSchema();
        assertEquals(List.of("stationCode", "bikes", "total"), schema.fields().stream().map(f -> f.name()).toList());
        assertEquals(Schema.OPTIONAL_STRING_SCHEMA, schema.field("stationCode").schema());
        assertEquals(Schema.INT32_SCHEMA, schema.field("bikes").schema(), "a selected field keeps its schema");
        assertEquals(Schema.OPTIONAL_INT64_SCHEMA, schema.field("total").schema(), "mechanical and ebike are optional");
        long bikes = 0;
        for (SourceRecord record : out) {
            Struct value = (Struct) record.value();
            assertTrue(value.schema() == schema, "one derived schema object, cached");
            assertEquals((long) value.getInt32("bikes"), value.getInt64("total"), "the parts sum to the whole");
            bikes += value.getInt32("bikes");
        }
        assertEquals(17_768, bikes, "SOURCES.md: network total at 10:35Z");
        assertEquals("16107", ((Struct) out.get(0).value()).getString("stationCode"));

        List<SourceRecord> outMaps = run(select, maps);
        assertNull(outMaps.get(0).valueSchema());
        assertEquals(Map.of("stationCode", "16107", "bikes", 8L, "total", 8L), outMaps.get(0).value());
    }

    @Test
    void selectStarWithAdditionsThenWhereOnTheResult() {
        Select<SourceRecord> select = configured(new Select.Value<>(),
                Map.of("select", "*, ebike * 100 / num_bikes_available AS ebike_pct, UCASE(system_id) AS sys"));
        Where<SourceRecord> where = configured(new Where.Value<>(), Map.of("where", "ebike_pct IS NULL"));
        List<SourceRecord> out = run(select, structs);
        Schema schema = out.get(0).valueSchema();
        assertEquals(14, schema.fields().size());
        assertEquals(Timestamp.builder().optional().build(), schema.field("last_reported").schema());
        assertEquals(Schema.OPTIONAL_INT64_SCHEMA, schema.field("ebike_pct").schema());
        assertEquals(87L, ((Struct) out.get(0).value()).getInt64("ebike_pct"), "7 of 8 e-bikes at 16107");
        long empty = structs.stream().filter(s -> s.getInt32("num_bikes_available") == 0).count();
        int nulls = 0;
        for (SourceRecord record : out) {
            nulls += where.apply(record) != null ? 1 : 0;
        }
        assertEquals(empty, nulls, "dividing by zero bikes gives NULL, not an error");
        assertFalse(empty == 0);
    }
}

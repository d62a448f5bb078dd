package io.velibconnect.transforms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real Vélib' station_status snapshots from the checkout's testdata/ as Connect records, in exactly the STATUS layout of
 * connector's {@code io.velibconnect.records.StationSchemas} (copied here: transforms must not depend on the
 * connector): num_bikes_available_types flattened into mechanical/ebike, station_id as a string, 0/1 flags as
 * booleans. Also as schemaless maps, as JsonConverter with schemas.enable=false gives them.
 */
public final class VelibStatusRecords {

    public static final String SNAPSHOT = "velib/2024-12-15_InfoFlower-timeseries/station_status_2024-12-15T1035Z.json";

    public static final Schema STATUS = SchemaBuilder.struct()
            .name("io.velibconnect.StationStatus").version(1)
            .doc("Status of one bike-share station, as published by its GBFS station_status feed")
            .field("station_id", Schema.STRING_SCHEMA)
            .field("stationCode", Schema.OPTIONAL_STRING_SCHEMA)
            .field("num_bikes_available", Schema.INT32_SCHEMA)
            .field("mechanical", Schema.OPTIONAL_INT32_SCHEMA)
            .field("ebike", Schema.OPTIONAL_INT32_SCHEMA)
            .field("num_docks_available", Schema.OPTIONAL_INT32_SCHEMA)
            .field("is_installed", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("is_renting", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("is_returning", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("last_reported", Timestamp.builder().optional().build())
            .field("last_updated", Timestamp.SCHEMA)
            .field("system_id", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private VelibStatusRecords() {
    }

    /** A recorded feed under the checkout's {@code testdata/}, which surefire names in {@code testdata.dir}. */
    public static Path testData(String relative) {
        String root = System.getProperty("testdata.dir");
        if (root == null || !Files.isDirectory(Path.of(root))) {
            throw new IllegalStateException("the recorded feeds are not found: run the tests through Maven, which sets "
                    + "testdata.dir to the checkout's testdata/ folder (got " + root + ")");
        }
        return Path.of(root).resolve(relative);
    }

    public static List<Struct> structs(String snapshot) {
        List<Struct> structs = new ArrayList<>();
        for (Map<String, Object> map : maps(snapshot)) {
            Struct struct = new Struct(STATUS);
            for (Map.Entry<String, Object> entry : map.entrySet()) {
                Object value = entry.getValue();
                if (entry.getKey().startsWith("last_")) {
                    value = new Date((Long) value);
                } else if (value instanceof Long l && STATUS.field(entry.getKey()).schema().type()
                        == Schema.Type.INT32) {
                    value = Math.toIntExact(l);
                }
                struct.put(entry.getKey(), value);
            }
            struct.validate();
            structs.add(struct);
        }
        return structs;
    }

    /** Schemaless: integers are Long, timestamps epoch milliseconds, as JsonConverter gives them. */
    public static List<Map<String, Object>> maps(String snapshot) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(testData(snapshot)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + snapshot, e);
        }
        long lastUpdated = root.get("lastUpdatedOther").asLong() * 1000;
        List<Map<String, Object>> maps = new ArrayList<>();
        for (JsonNode station : root.get("data").get("stations")) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("station_id", station.get("station_id").asText());
            map.put("stationCode", station.get("stationCode").asText());
            map.put("num_bikes_available", station.get("num_bikes_available").asLong());
            long mechanical = 0;
            long ebike = 0;
            for (JsonNode type : station.get("num_bikes_available_types")) {
                mechanical += type.path("mechanical").asLong(0);
                ebike += type.path("ebike").asLong(0);
            }
            map.put("mechanical", mechanical);
            map.put("ebike", ebike);
            map.put("num_docks_available", station.get("num_docks_available").asLong());
            map.put("is_installed", station.get("is_installed").asInt() == 1);
            map.put("is_renting", station.get("is_renting").asInt() == 1);
            map.put("is_returning", station.get("is_returning").asInt() == 1);
            map.put("last_reported", station.get("last_reported").asLong() * 1000);
            map.put("last_updated", lastUpdated);
            map.put("system_id", "velib");
            maps.add(map);
        }
        return maps;
    }

    public static SourceRecord record(Object value) {
        Schema schema = value instanceof Struct struct ? struct.schema() : null;
        String key = value instanceof Struct struct ? struct.getString("stationCode")
                : value == null ? "tombstone" : (String) ((Map<?, ?>) value).get("stationCode");
        return new SourceRecord(Map.of("feed", "velib"), Map.of("last_updated", 0L), "velib-projet", null,
                Schema.STRING_SCHEMA, key, schema, value);
    }
}

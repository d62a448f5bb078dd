package io.velibconnect.benchmarks.where;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.velibconnect.benchmarks.TestData;
import io.velibconnect.records.StationSchemas;

/**
 * One real Vélib' station_status snapshot (1486 stations) as the source's records: STATUS Structs keyed by
 * stationCode, and the same as schemaless maps. Read from the checkout's {@code testdata/}.
 */
final class VelibStatusSnapshot {

    private VelibStatusSnapshot() {
    }

    static List<SourceRecord> records(boolean withSchema) {
        Path file = TestData.file(TestData.VELIB_STATUS);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file.toAbsolutePath(), e);
        }
        long lastUpdated = root.get("lastUpdatedOther").asLong() * 1000;
        List<SourceRecord> records = new ArrayList<>();
        for (JsonNode station : root.get("data").get("stations")) {
            int mechanical = 0;
            int ebike = 0;
            for (JsonNode type : station.get("num_bikes_available_types")) {
                mechanical += type.path("mechanical").asInt(0);
                ebike += type.path("ebike").asInt(0);
            }
            String code = station.get("stationCode").asText();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put(StationSchemas.STATION_ID, station.get("station_id").asText());
            fields.put(StationSchemas.STATION_CODE, code);
            fields.put(StationSchemas.NUM_BIKES_AVAILABLE, station.get("num_bikes_available").asInt());
            fields.put(StationSchemas.MECHANICAL, mechanical);
            fields.put(StationSchemas.EBIKE, ebike);
            fields.put(StationSchemas.NUM_DOCKS_AVAILABLE, station.get("num_docks_available").asInt());
            fields.put(StationSchemas.IS_INSTALLED, station.get("is_installed").asInt() == 1);
            fields.put(StationSchemas.IS_RENTING, station.get("is_renting").asInt() == 1);
            fields.put(StationSchemas.IS_RETURNING, station.get("is_returning").asInt() == 1);
            fields.put(StationSchemas.LAST_REPORTED, new Date(station.get("last_reported").asLong() * 1000));
            fields.put(StationSchemas.LAST_UPDATED, new Date(lastUpdated));
            fields.put(StationSchemas.SYSTEM_ID, "velib");
            Object value;
            if (withSchema) {
                Struct struct = new Struct(StationSchemas.STATUS);
                fields.forEach(struct::put);
                value = struct;
            } else {
                value = fields;
            }
            records.add(new SourceRecord(Map.of("url", "station_status.json"), Map.of("last_updated", lastUpdated),
                    "velib-projet", null, StationSchemas.KEY, code, withSchema ? StationSchemas.STATUS : null,
                    value));
        }
        return records;
    }
}

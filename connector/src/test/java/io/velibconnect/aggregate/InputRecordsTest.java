package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.source.StationRecords;
import io.velibconnect.records.StationSchemas;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class InputRecordsTest {

    private static final StationStatus FIRST = VelibSeries.status(VelibSeries.statusFiles().get(0)).get(0);

    private static SinkRecord record(Object value) {
        return new SinkRecord("velib-projet", 0, null, "16107", null, value, 42);
    }

    @Test
    void readsAStatusStructAsTheSourceWritesIt() throws BadStationRecord {
        StationState state = InputRecords.status(record(StationRecords.status(FIRST, "Paris")));
        assertEquals(new StationState("Paris", "213688169", "16107", 8, 1, 7, 27, 1734255053000L, 1734258950000L, 42), state);
    }

    @Test
    void readsTheSameStatusThroughSchemalessJson() throws BadStationRecord {
        JsonConverter schemaless = new JsonConverter();
        schemaless.configure(Map.of("schemas.enable", "false"), false);
        byte[] json = schemaless.fromConnectData("t", StationSchemas.STATUS, StationRecords.status(FIRST, "Paris"));
        SchemaAndValue map = schemaless.toConnectData("t", json);
        assertEquals(InputRecords.status(record(StationRecords.status(FIRST, "Paris"))),
                InputRecords.status(record(map.value())), new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void badRecordsNameTheStationAndTheField() {
        BadStationRecord nullValue = assertThrows(BadStationRecord.class, () -> InputRecords.status(record(null)));
        assertEquals("16107", nullValue.station());

        BadStationRecord mistyped = assertThrows(BadStationRecord.class, () -> InputRecords.status(record(
                Map.of("station_id", "213688169", "num_bikes_available", "eight", "last_updated", 1L))));
        assertEquals("field num_bikes_available is String 'eight', expected an integer", mistyped.getMessage());

        BadStationRecord missing = assertThrows(BadStationRecord.class, () -> InputRecords.status(record(
                Map.of("station_id", "213688169", "num_bikes_available", 3))));
        assertEquals("missing field last_updated", missing.getMessage());
        assertEquals("213688169", missing.station());
    }
}

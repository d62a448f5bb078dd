package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.velibconnect.aggregate.metadata.FeedStation;
import io.velibconnect.gbfs.StationInformation;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.source.StationRecords;
import io.velibconnect.records.StationSchemas;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
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

    @Test
    @SuppressWarnings("unchecked")
    void readsTheSystemRegionAndPositionOfAnInformationRecord() throws BadStationRecord {
        StationInformation info = OtherSystems.VELOSPOT.information().stream()
                .filter(i -> "19".equals(i.regionId())).findFirst().orElseThrow();
        Struct struct = StationRecords.information(info, "velospot");
        FeedStation read = InputRecords.information("16107", struct);
        assertEquals(OtherSystems.VELOSPOT.feedStation(info), read);
        assertEquals("19", read.regionId());

        // a region_name field is read by name when the record has one (schemaless, or a schema that grew it)
        JsonConverter schemaless = new JsonConverter();
        schemaless.configure(Map.of("schemas.enable", "false"), false);
        Map<String, Object> map = new HashMap<>((Map<String, Object>) schemaless.toConnectData("t",
                schemaless.fromConnectData("t", StationSchemas.INFORMATION, struct)).value());
        map.put("region_name", "Biel/Bienne");
        map.put("lat", 47L);
        FeedStation named = InputRecords.information("16107", map);
        assertEquals("Biel/Bienne", named.regionName());
        assertEquals(47.0, named.lat());
        assertEquals("velospot", named.systemId());
    }
}

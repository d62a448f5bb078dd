package io.velibconnect.aggregate;

import java.util.Date;

import io.velibconnect.records.StationSchemas;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Reads the aggregator's inputs, {@link StationSchemas#STATUS} and {@link StationSchemas#INFORMATION} values,
 * by field name, so records that went through SMTs or a schemaless-to-schema converter still work as long as
 * the fields the totals need are there with the right types.
 */
public final class InputRecords {

    private InputRecords() {
    }

    public static StationState status(SinkRecord record) throws BadStationRecord {
        Struct value = struct(record);
        String id = requiredString(value, StationSchemas.STATION_ID, record);
        String code = optional(value, StationSchemas.STATION_CODE, String.class, id);
        int bikes = required(value, StationSchemas.NUM_BIKES_AVAILABLE, Integer.class, id);
        Integer mechanical = optional(value, StationSchemas.MECHANICAL, Integer.class, id);
        Integer ebike = optional(value, StationSchemas.EBIKE, Integer.class, id);
        Integer docks = optional(value, StationSchemas.NUM_DOCKS_AVAILABLE, Integer.class, id);
        Date lastReported = optional(value, StationSchemas.LAST_REPORTED, Date.class, id);
        Date lastUpdated = required(value, StationSchemas.LAST_UPDATED, Date.class, id);
        return new StationState(id, code, bikes, orZero(mechanical), orZero(ebike), orZero(docks),
                lastReported == null ? null : lastReported.getTime(), lastUpdated.getTime(), record.kafkaOffset());
    }

    public static FeedStation information(SinkRecord record) throws BadStationRecord {
        Struct value = struct(record);
        String id = requiredString(value, StationSchemas.STATION_ID, record);
        Integer capacity = optional(value, StationSchemas.CAPACITY, Integer.class, id);
        return new FeedStation(id, optional(value, StationSchemas.STATION_CODE, String.class, id),
                optional(value, StationSchemas.POST_CODE, String.class, id), orZero(capacity));
    }

    private static Struct struct(SinkRecord record) throws BadStationRecord {
        String key = record.key() == null ? "?" : record.key().toString();
        if (record.value() == null) {
            throw new BadStationRecord(key, "null value (a tombstone or an unconvertible record)");
        }
        if (!(record.value() instanceof Struct struct)) {
            throw new BadStationRecord(key, "value is a " + record.value().getClass().getSimpleName()
                    + ", expected a Struct (use a converter with schemas, e.g. JsonConverter schemas.enable=true)");
        }
        return struct;
    }

    private static String requiredString(Struct value, String field, SinkRecord record) throws BadStationRecord {
        String key = record.key() == null ? "?" : record.key().toString();
        Object id = get(value, field);
        if (id == null) {
            throw new BadStationRecord(key, "missing field " + field);
        }
        if (!(id instanceof String) && !(id instanceof Number)) {
            throw new BadStationRecord(key, "field " + field + " is a " + id.getClass().getSimpleName());
        }
        return id.toString();
    }

    private static <T> T required(Struct value, String field, Class<T> type, String station) throws BadStationRecord {
        T found = optional(value, field, type, station);
        if (found == null) {
            throw new BadStationRecord(station, "missing field " + field);
        }
        return found;
    }

    private static <T> T optional(Struct value, String field, Class<T> type, String station) throws BadStationRecord {
        Object found = get(value, field);
        if (found == null) {
            return null;
        }
        if (!type.isInstance(found)) {
            throw new BadStationRecord(station, "field " + field + " is a " + found.getClass().getSimpleName()
                    + ", expected a " + type.getSimpleName());
        }
        return type.cast(found);
    }

    private static Object get(Struct value, String field) {
        Field f = value.schema().field(field);
        if (f == null) {
            return null;
        }
        try {
            return value.get(f);
        } catch (DataException e) {
            return null;
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}

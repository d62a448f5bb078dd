package io.velibconnect.aggregate;

import java.util.Date;
import java.util.Map;

import io.velibconnect.records.StationSchemas;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Reads the aggregator's inputs, {@link StationSchemas#STATUS} and {@link StationSchemas#INFORMATION} values, by
 * field name: a Struct (any converter with schemas, records reshaped by SMTs) or a schemaless map (JsonConverter
 * with {@code schemas.enable=false}, where counts arrive as longs and times as epoch milliseconds). A field the
 * totals need that is missing, null or of another type makes the record a {@link BadStationRecord}.
 */
public final class InputRecords {

    private InputRecords() {
    }

    /**
     * The key of a tombstone (null value, a key): the source's removal of a station that left the feed; null for
     * any other record.
     */
    public static String removedKey(SinkRecord record) {
        return record.value() == null && record.key() != null ? record.key().toString() : null;
    }

    public static StationState status(SinkRecord record) throws BadStationRecord {
        Fields value = fields(record);
        String id = value.id();
        int bikes = value.requiredInt(StationSchemas.NUM_BIKES_AVAILABLE);
        Long lastReported = value.time(StationSchemas.LAST_REPORTED);
        Long lastUpdated = value.time(StationSchemas.LAST_UPDATED);
        if (lastUpdated == null) {
            throw new BadStationRecord(id, "missing field " + StationSchemas.LAST_UPDATED);
        }
        return new StationState(id, value.string(StationSchemas.STATION_CODE), bikes,
                value.intOrZero(StationSchemas.MECHANICAL), value.intOrZero(StationSchemas.EBIKE),
                value.intOrZero(StationSchemas.NUM_DOCKS_AVAILABLE), lastReported, lastUpdated, record.kafkaOffset());
    }

    public static FeedStation information(SinkRecord record) throws BadStationRecord {
        Fields value = fields(record);
        String id = value.id();
        return new FeedStation(id, value.string(StationSchemas.STATION_CODE), value.string(StationSchemas.POST_CODE),
                value.intOrZero(StationSchemas.CAPACITY));
    }

    private static Fields fields(SinkRecord record) throws BadStationRecord {
        String key = record.key() == null ? "?" : record.key().toString();
        Object value = record.value();
        if (value == null) {
            throw new BadStationRecord(key, "null value (a tombstone or an unconvertible record)");
        }
        if (value instanceof Struct struct) {
            return new Fields(key, name -> {
                Field field = struct.schema().field(name);
                return field == null ? null : struct.get(field);
            });
        }
        if (value instanceof Map<?, ?> map) {
            return new Fields(key, map::get);
        }
        throw new BadStationRecord(key, "value is a " + value.getClass().getSimpleName()
                + ", expected a Struct or a map (JSON object)");
    }

    private interface Lookup {
        Object get(String field);
    }

    /** Typed access to one value's fields; {@code station} names the record in error messages. */
    private record Fields(String station, Lookup lookup) {

        String id() throws BadStationRecord {
            Object id = lookup.get(StationSchemas.STATION_ID);
            if (id == null) {
                throw new BadStationRecord(station, "missing field " + StationSchemas.STATION_ID);
            }
            if (!(id instanceof String) && !(id instanceof Number)) {
                throw mistyped(StationSchemas.STATION_ID, id, "a string");
            }
            return id.toString();
        }

        String string(String field) throws BadStationRecord {
            Object found = lookup.get(field);
            if (found != null && !(found instanceof String)) {
                throw mistyped(field, found, "a string");
            }
            return (String) found;
        }

        int requiredInt(String field) throws BadStationRecord {
            Object found = lookup.get(field);
            if (found == null) {
                throw new BadStationRecord(station, "missing field " + field);
            }
            return toInt(field, found);
        }

        int intOrZero(String field) throws BadStationRecord {
            Object found = lookup.get(field);
            return found == null ? 0 : toInt(field, found);
        }

        Long time(String field) throws BadStationRecord {
            Object found = lookup.get(field);
            if (found == null) {
                return null;
            }
            if (found instanceof Date date) {
                return date.getTime();
            }
            if (found instanceof Long || found instanceof Integer) {
                return ((Number) found).longValue();
            }
            throw mistyped(field, found, "a timestamp");
        }

        private int toInt(String field, Object found) throws BadStationRecord {
            if ((found instanceof Integer || found instanceof Long || found instanceof Short)
                    && ((Number) found).longValue() == ((Number) found).intValue()) {
                return ((Number) found).intValue();
            }
            throw mistyped(field, found, "an integer");
        }

        private BadStationRecord mistyped(String field, Object found, String expected) {
            return new BadStationRecord(station, "field " + field + " is " + found.getClass().getSimpleName()
                    + " '" + found + "', expected " + expected);
        }
    }
}

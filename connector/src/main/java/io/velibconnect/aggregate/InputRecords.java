package io.velibconnect.aggregate;

import java.util.Date;
import java.util.Map;

import io.velibconnect.aggregate.metadata.FeedStation;
import io.velibconnect.gbfs.LogText;
import io.velibconnect.records.StationSchemas;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Reads the aggregator's inputs, {@link StationSchemas#STATUS} and {@link StationSchemas#INFORMATION} values, by
 * field name: a Struct (any converter with schemas, records reshaped by SMTs) or a schemaless map (JsonConverter
 * with {@code schemas.enable=false}, where counts arrive as longs and times as epoch milliseconds). A field the
 * totals need that is missing, null or of another type makes the record a {@link BadStationRecord}, whose station
 * and message quote the record's key and values escaped and cut short, so each makes one readable log line.
 */
public final class InputRecords {

    private static final String[] NAMES = {StationSchemas.STATION_ID, StationSchemas.STATION_CODE,
        StationSchemas.NUM_BIKES_AVAILABLE, StationSchemas.MECHANICAL, StationSchemas.EBIKE,
        StationSchemas.NUM_DOCKS_AVAILABLE, StationSchemas.LAST_REPORTED, StationSchemas.LAST_UPDATED,
        StationSchemas.POST_CODE, StationSchemas.CAPACITY, StationSchemas.SYSTEM_ID, StationSchemas.LAT,
        StationSchemas.LON, StationSchemas.REGION_ID, StationSchemas.REGION_NAME};
    private static final int STATION_ID = 0;
    private static final int STATION_CODE = 1;
    private static final int NUM_BIKES_AVAILABLE = 2;
    private static final int MECHANICAL = 3;
    private static final int EBIKE = 4;
    private static final int NUM_DOCKS_AVAILABLE = 5;
    private static final int LAST_REPORTED = 6;
    private static final int LAST_UPDATED = 7;
    private static final int POST_CODE = 8;
    private static final int CAPACITY = 9;
    private static final int SYSTEM_ID = 10;
    private static final int LAT = 11;
    private static final int LON = 12;
    private static final int REGION_ID = 13;
    private static final int REGION_NAME = 14;
    /** The most of a key or value a rejection quotes. */
    private static final int QUOTED_LENGTH = 80;
    private static final ThreadLocal<ResolvedSchema> RESOLVED = ThreadLocal.withInitial(ResolvedSchema::new);

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
        return status(record.key(), record.value(), record.kafkaOffset());
    }

    /**
     * A status record's key and value, as a converter gives them, however they were consumed.
     *
     * @param offset the record's offset in its input partition, which orders statuses of equal times
     */
    public static StationState status(Object key, Object value, long offset) throws BadStationRecord {
        Fields fields = fields(key, value);
        String id = fields.id();
        int bikes = fields.requiredInt(NUM_BIKES_AVAILABLE);
        Long lastReported = fields.time(LAST_REPORTED);
        Long lastUpdated = fields.time(LAST_UPDATED);
        if (lastUpdated == null) {
            throw new BadStationRecord(quoted(id), "missing field " + StationSchemas.LAST_UPDATED);
        }
        return new StationState(fields.string(SYSTEM_ID), id, fields.string(STATION_CODE), bikes,
                fields.intOrZero(MECHANICAL), fields.intOrZero(EBIKE), fields.intOrZero(NUM_DOCKS_AVAILABLE),
                lastReported, lastUpdated, offset);
    }

    /** An information record's key (null when unknown) and value, as a converter gives them. */
    public static FeedStation information(Object key, Object value) throws BadStationRecord {
        Fields fields = fields(key, value);
        String id = fields.id();
        return new FeedStation(fields.string(SYSTEM_ID), id, fields.string(STATION_CODE), fields.string(POST_CODE),
                fields.intOrZero(CAPACITY), fields.coordinate(LAT), fields.coordinate(LON), fields.string(REGION_ID),
                fields.string(REGION_NAME));
    }

    private static Fields fields(Object recordKey, Object value) throws BadStationRecord {
        String key = recordKey == null ? "?" : quoted(recordKey);
        if (value == null) {
            throw new BadStationRecord(key, "null value (a tombstone or an unconvertible record)");
        }
        if (value instanceof Struct struct) {
            Field[] resolved = RESOLVED.get().of(struct.schema());
            return new Fields(key, which -> resolved[which] == null ? null : struct.get(resolved[which]));
        }
        if (value instanceof Map<?, ?> map) {
            return new Fields(key, which -> map.get(NAMES[which]));
        }
        throw new BadStationRecord(key, "value is a " + value.getClass().getSimpleName()
                + ", expected a Struct or a map (JSON object)");
    }

    /** {@code value}'s text as one log line may show it: escaped and cut short. */
    private static String quoted(Object value) {
        return LogText.of(value, QUOTED_LENGTH);
    }

    /** The fields read, by their index in {@link #NAMES}. */
    private interface Lookup {
        Object get(int which);
    }

    /**
     * The {@link Field}s of the last schema seen, in the order of {@link #NAMES}: every record of a topic usually
     * has the same schema instance, so a field is then found by index, not looked up by name.
     */
    private static final class ResolvedSchema {
        private Schema schema;
        private Field[] fields;

        Field[] of(Schema schema) {
            if (schema != this.schema) {
                Field[] found = new Field[NAMES.length];
                for (int i = 0; i < NAMES.length; i++) {
                    found[i] = schema.field(NAMES[i]);
                }
                this.fields = found;
                this.schema = schema;
            }
            return fields;
        }
    }

    /** Typed access to one value's fields; {@code station} names the record in error messages. */
    private record Fields(String station, Lookup lookup) {

        String id() throws BadStationRecord {
            Object id = lookup.get(STATION_ID);
            if (id == null || "".equals(id)) {
                throw new BadStationRecord(station, (id == null ? "missing" : "empty") + " field "
                        + StationSchemas.STATION_ID);
            }
            if (!(id instanceof String) && !(id instanceof Number)) {
                throw mistyped(STATION_ID, id, "a string");
            }
            return id.toString();
        }

        String string(int field) throws BadStationRecord {
            Object found = lookup.get(field);
            if (found != null && !(found instanceof String)) {
                throw mistyped(field, found, "a string");
            }
            return (String) found;
        }

        int requiredInt(int field) throws BadStationRecord {
            Object found = lookup.get(field);
            if (found == null) {
                throw new BadStationRecord(station, "missing field " + NAMES[field]);
            }
            return toInt(field, found);
        }

        int intOrZero(int field) throws BadStationRecord {
            Object found = lookup.get(field);
            return found == null ? 0 : toInt(field, found);
        }

        Long time(int field) throws BadStationRecord {
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

        /** A latitude or longitude: a float (a whole number arrives as an integer from schemaless JSON). */
        Double coordinate(int field) throws BadStationRecord {
            Object found = lookup.get(field);
            if (found == null) {
                return null;
            }
            if (found instanceof Double || found instanceof Float || found instanceof Long
                    || found instanceof Integer) {
                return ((Number) found).doubleValue();
            }
            throw mistyped(field, found, "a number");
        }

        private int toInt(int field, Object found) throws BadStationRecord {
            if ((found instanceof Integer || found instanceof Long || found instanceof Short)
                    && ((Number) found).longValue() == ((Number) found).intValue()) {
                return ((Number) found).intValue();
            }
            throw mistyped(field, found, "an integer");
        }

        private BadStationRecord mistyped(int field, Object found, String expected) {
            return new BadStationRecord(station, "field " + NAMES[field] + " is " + found.getClass().getSimpleName()
                    + " '" + quoted(found) + "', expected " + expected);
        }
    }
}

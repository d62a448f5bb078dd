package io.velibconnect.transforms;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.util.NonEmptyListValidator;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

import io.velibconnect.transforms.expression.Printer;

/**
 * Keeps the stations whose code is in a list, for users who would rather not write SQL: it is
 * {@link Where} with {@code <station.code.field> IN ('<code>', ...)}.
 */
public abstract class StationCodeFilter<R extends ConnectRecord<R>> extends Where<R> {

    public static final String OVERVIEW_DOC = "Keep only the records of the listed stations, e.g. "
            + "<code>station.codes=16107,32017</code>; a thin layer over " + Where.class.getName()
            + " (<code>stationCode IN ('16107', '32017')</code>). The value form also keeps a tombstone (null value) "
            + "whose string key is a listed code: the source's removal of a station, keyed by its code.";

    public static final String STATION_CODES_CONFIG = "station.codes";
    public static final String STATION_CODE_FIELD_CONFIG = "station.code.field";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(STATION_CODES_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    new NonEmptyListValidator(), ConfigDef.Importance.HIGH,
                    "Comma-separated station codes to keep, e.g. 16107,32017 (compared as strings).")
            .define(STATION_CODE_FIELD_CONFIG, ConfigDef.Type.STRING, "stationCode", new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.MEDIUM, "The field that holds the station code; dots for nested fields.");

    private Set<String> codes = Set.of();

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        codes = Set.copyOf(config.getList(STATION_CODES_CONFIG));
        super.configure(Map.of(WHERE_CONFIG, condition(config.getString(STATION_CODE_FIELD_CONFIG),
                config.getList(STATION_CODES_CONFIG))));
    }

    /** The Where condition equivalent to these settings. */
    static String condition(String field, List<String> codes) {
        String path = List.of(field.split("\\.", -1)).stream().map(Printer::name).collect(Collectors.joining("."));
        return path + " IN (" + codes.stream().map(code -> "'" + code.replace("'", "''") + "'")
                .collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    /** Tests the record key (a Struct or map holding the code field). */
    public static class Key<R extends ConnectRecord<R>> extends StationCodeFilter<R> {
        @Override
        protected Object operand(R record) {
            return record.key();
        }
    }

    /**
     * Tests the record value; a tombstone has no value to test, and Where would drop it (its fields read NULL), so
     * its key, the station code, is tested instead.
     */
    public static class Value<R extends ConnectRecord<R>> extends StationCodeFilter<R> {
        @Override
        public R apply(R record) {
            if (record.value() == null && record.key() instanceof String code) {
                return codes().contains(code) ? record : null;
            }
            return super.apply(record);
        }

        @Override
        protected Object operand(R record) {
            return record.value();
        }
    }

    Set<String> codes() {
        return codes;
    }
}

package io.velibconnect.transforms;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

/**
 * Keeps the records for which a ksqlDB-style condition is TRUE and drops the others, like a WHERE clause.
 * Use {@link Value} to test the record value, {@link Key} to test the key.
 */
public abstract class Where<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String OVERVIEW_DOC = "Keep only the records for which a ksqlDB-style condition is TRUE "
            + "(FALSE and NULL drop the record, as in SQL), e.g. <code>stationCode IN ('16107', '32017')</code>. "
            + "Works on Structs with a schema (compiled once per schema, type errors found then) and on schemaless "
            + "maps. Use the concrete transformation type designed for the record key (<code>" + Key.class.getName()
            + "</code>) or value (<code>" + Value.class.getName() + "</code>). A tombstone (null key/value) is kept "
            + "unless the condition reads a field; then it is tested with every field NULL.";

    public static final String WHERE_CONFIG = "where";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(WHERE_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ExpressionValidator.condition(),
                    ConfigDef.Importance.HIGH, "The condition: fields (a.b.c, `odd name`), literals ('text', 42, 1.5, "
                            + "TRUE, NULL), = != <> < <= > >=, AND OR NOT, IN, BETWEEN, LIKE, IS [NOT] NULL, "
                            + "+ - * / %, CASE, CAST and functions (LOWER, UPPER, LEN, TRIM, SUBSTRING, CONCAT, "
                            + "COALESCE, IFNULL, ABS, ROUND, FLOOR, CEIL).");

    private RecordCondition condition;

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        condition = RecordCondition.of(WHERE_CONFIG, config.getString(WHERE_CONFIG));
    }

    @Override
    public R apply(R record) {
        Object operand = operand(record);
        if (operand == null && !condition.readsFields()) {
            return record;
        }
        return condition.test(operand) ? record : null;
    }

    @Override
    public String version() {
        return PluginVersion.VALUE;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
    }

    /** The part of the record tested: its key or its value. */
    protected abstract Object operand(R record);

    /** Tests the record key. */
    public static class Key<R extends ConnectRecord<R>> extends Where<R> {
        @Override
        protected Object operand(R record) {
            return record.key();
        }
    }

    /** Tests the record value. */
    public static class Value<R extends ConnectRecord<R>> extends Where<R> {
        @Override
        protected Object operand(R record) {
            return record.value();
        }
    }
}

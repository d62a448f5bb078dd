package io.velibconnect.transforms;

import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

import io.velibconnect.transforms.expression.ExpressionException;
import io.velibconnect.transforms.expression.Projection;
import io.velibconnect.transforms.expression.SelectList;

/**
 * Reshapes a record like a SELECT list: picks, renames and computes fields. The output schema is derived from
 * the input schema once per schema. Use {@link Value} or {@link Key}.
 */
public abstract class Select<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String OVERVIEW_DOC = "Reshape the record with a ksqlDB-style select list, e.g. "
            + "<code>stationCode, num_bikes_available AS bikes, mechanical + ebike AS total</code>; <code>*</code> "
            + "keeps every field. Selected fields keep their schema; computed ones get the schema of their type, "
            + "optional where they can be NULL. Schemaless maps give maps. Use the concrete transformation type "
            + "designed for the record key (<code>" + Key.class.getName() + "</code>) or value (<code>"
            + Value.class.getName() + "</code>). Tombstones pass unchanged.";

    public static final String SELECT_CONFIG = "select";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SELECT_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ExpressionValidator.selectList(),
                    ConfigDef.Importance.HIGH, "Comma-separated columns: *, a field, or any expression, each with an "
                            + "optional AS name. Unnamed expressions are named KSQL_COL_<position>.");

    /** The projection for one schema, or the reason it cannot be computed on that schema. */
    private record Bound(Schema schema, UnaryOperator<Object> project) {
    }

    private SelectList list;
    private SchemaCache<Bound> projections;

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        list = SelectList.parse(config.getString(SELECT_CONFIG));
        projections = new SchemaCache<>(this::bind);
    }

    private Bound bind(Schema schema) {
        try {
            Projection projection = Projection.compile(list, schema);
            return new Bound(projection.schema(), projection::apply);
        } catch (ExpressionException e) {
            String message = "Select cannot be computed on records of schema "
                    + (schema.name() == null ? schema.type() : schema.name()) + ": " + e.getMessage();
            return new Bound(null, root -> {
                throw new DataException(message);
            });
        }
    }

    @Override
    public R apply(R record) {
        Object operand = operand(record);
        if (operand == null) {
            return record;
        }
        Bound bound = projections.get(operand instanceof Struct struct ? struct.schema() : null);
        Object projected = bound.project().apply(operand);
        return newRecord(record, bound.schema(), projected);
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

    protected abstract Object operand(R record);

    protected abstract R newRecord(R record, Schema schema, Object projected);

    /** Reshapes the record key. */
    public static class Key<R extends ConnectRecord<R>> extends Select<R> {
        @Override
        protected Object operand(R record) {
            return record.key();
        }

        @Override
        protected R newRecord(R record, Schema schema, Object projected) {
            return record.newRecord(record.topic(), record.kafkaPartition(), schema, projected, record.valueSchema(),
                    record.value(), record.timestamp(), record.headers());
        }
    }

    /** Reshapes the record value. */
    public static class Value<R extends ConnectRecord<R>> extends Select<R> {
        @Override
        protected Object operand(R record) {
            return record.value();
        }

        @Override
        protected R newRecord(R record, Schema schema, Object projected) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), schema,
                    projected, record.timestamp(), record.headers());
        }
    }
}

package io.velibconnect.transforms.expression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.util.SchemaUtil;

/**
 * A {@link SelectList} compiled for one input schema: the output schema and how to fill each output field.
 * A field selected as it is (or through {@code *}) keeps its schema, made optional when a struct on its path is
 * optional; a computed column gets the schema of its type (BIGINT is INT64, DOUBLE is FLOAT64, TIMESTAMP is
 * Connect's Timestamp, a bare NULL is an optional STRING), optional exactly when the checker finds it can be
 * NULL. Without a schema the output is a map, in select-list order, with computed values as the operators
 * produce them (Long for integers, Double for decimals).
 */
public final class Projection {

    private record Column(String name, Evaluator evaluator, Field output) {
    }

    private final Schema schema;
    private final List<Column> columns;
    private final SelectList list;
    private final List<Evaluator> schemalessColumns;

    private Projection(Schema schema, List<Column> columns, SelectList list, List<Evaluator> schemalessColumns) {
        this.schema = schema;
        this.columns = columns;
        this.list = list;
        this.schemalessColumns = schemalessColumns;
    }

    /**
     * Compiles {@code list} for records of {@code input} (null: records without a schema, which are maps).
     *
     * @throws TypeException if a column cannot be computed on this schema, or two columns get the same name
     */
    public static Projection compile(SelectList list, Schema input) {
        if (input == null) {
            List<Evaluator> evaluators = new ArrayList<>();
            for (SelectList.Item item : list.items()) {
                evaluators.add(item instanceof SelectList.Column c
                        ? Compiler.compile(c.expression(), null).evaluator() : null);
            }
            return new Projection(null, List.of(), list, evaluators);
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        SchemaBuilder output = SchemaBuilder.struct();
        for (int i = 0; i < list.items().size(); i++) {
            SelectList.Item item = list.items().get(i);
            if (item instanceof SelectList.AllFields all) {
                if (input.type() != Schema.Type.STRUCT) {
                    throw new TypeException("* needs a struct, the record is a " + input.type(), list.source(),
                            all.offset());
                }
                for (Field field : input.fields()) {
                    add(columns, output, list, all.offset(), field.name(), field.schema(),
                            root -> ((Struct) root).get(field));
                }
            } else {
                SelectList.Column column = (SelectList.Column) item;
                Compiler.Compiled compiled = Compiler.compile(column.expression(), input);
                FieldPath verbatim = Compiler.verbatimField(column.expression(), input);
                if (verbatim != null) {
                    Schema schema = verbatim.nullable() ? optional(verbatim.leafSchema()) : verbatim.leafSchema();
                    add(columns, output, list, column.offset(), list.nameOf(i), schema, verbatim.raw());
                } else {
                    add(columns, output, list, column.offset(), list.nameOf(i),
                            schemaOf(compiled.type(), compiled.nullable()), compiled.evaluator());
                }
            }
        }
        Schema schema = output.build();
        List<Column> bound = new ArrayList<>();
        for (Column column : columns.values()) {
            bound.add(new Column(column.name(), column.evaluator(), schema.field(column.name())));
        }
        return new Projection(schema, List.copyOf(bound), list, null);
    }

    /** The output schema; null for records without a schema. */
    public Schema schema() {
        return schema;
    }

    /** The output record: a Struct of {@link #schema()}, or a map when there is no schema. */
    public Object apply(Object root) {
        if (schema == null) {
            return applySchemaless(root);
        }
        Struct out = new Struct(schema);
        for (Column column : columns) {
            out.put(column.output(), column.evaluator().evaluate(root));
        }
        return out;
    }

    private Map<String, Object> applySchemaless(Object root) {
        if (!(root instanceof Map<?, ?> input)) {
            throw new DataException("Select needs a struct or a map, the record is " + Operators.describe(root));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            if (list.items().get(i) instanceof SelectList.AllFields) {
                for (Map.Entry<?, ?> entry : input.entrySet()) {
                    put(out, String.valueOf(entry.getKey()), entry.getValue());
                }
            } else {
                put(out, list.nameOf(i), schemalessColumns.get(i).evaluate(root));
            }
        }
        return out;
    }

    private static void put(Map<String, Object> out, String name, Object value) {
        if (out.containsKey(name)) {
            throw new DataException("Select: column " + name + " is selected twice (the record already has a field "
                    + name + "; give the expression another name with AS)");
        }
        out.put(name, value);
    }

    private static void add(Map<String, Column> columns, SchemaBuilder output, SelectList list, int offset,
                            String name, Schema schema, Evaluator evaluator) {
        if (columns.containsKey(name)) {
            throw new TypeException("column " + name + " is selected twice (give one AS another name)",
                    list.source(), offset);
        }
        columns.put(name, new Column(name, evaluator, null));
        output.field(name, schema);
    }

    private static Schema schemaOf(Type type, boolean nullable) {
        SchemaBuilder builder = switch (type) {
            case BOOLEAN -> SchemaBuilder.bool();
            case BIGINT -> SchemaBuilder.int64();
            case DOUBLE -> SchemaBuilder.float64();
            case TIMESTAMP -> Timestamp.builder();
            case STRING, NULL, ANY -> SchemaBuilder.string();
            case COMPLEX -> throw new IllegalStateException("the checker lets no computed value be COMPLEX");
        };
        return nullable || type == Type.NULL ? builder.optional().build() : builder.build();
    }

    /** The same schema, optional (a field read through an optional struct can be NULL). */
    static Schema optional(Schema schema) {
        if (schema.isOptional()) {
            return schema;
        }
        SchemaBuilder builder = switch (schema.type()) {
            case ARRAY -> SchemaBuilder.array(schema.valueSchema());
            case MAP -> SchemaBuilder.map(schema.keySchema(), schema.valueSchema());
            case STRUCT -> {
                SchemaBuilder struct = SchemaBuilder.struct();
                schema.fields().forEach(f -> struct.field(f.name(), f.schema()));
                yield struct;
            }
            default -> SchemaBuilder.type(schema.type());
        };
        return SchemaUtil.copySchemaBasics(schema, builder).optional().build();
    }
}

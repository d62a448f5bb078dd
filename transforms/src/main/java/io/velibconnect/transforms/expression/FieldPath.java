package io.velibconnect.transforms.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * A field path ({@code a.b.c}) resolved against a schema once: the {@link Field} objects on the way, so reading a
 * record is an array index per step, never a name lookup. Without a schema, each step is a map lookup by name
 * (unavoidable: the record carries its own names).
 */
final class FieldPath {

    private final List<Field> fields;
    private final Schema leaf;
    private final boolean nullable;

    private FieldPath(List<Field> fields, Schema leaf, boolean nullable) {
        this.fields = fields;
        this.leaf = leaf;
        this.nullable = nullable;
    }

    /** Resolves {@code path} in {@code schema}, or returns the reason it cannot be read there. */
    static Object resolve(Schema schema, List<String> path) {
        List<Field> fields = new ArrayList<>();
        Schema current = schema;
        boolean nullable = false;
        StringBuilder walked = new StringBuilder();
        for (String name : path) {
            if (current.type() != Schema.Type.STRUCT) {
                return (walked.length() == 0 ? "the record" : "field " + walked) + " is a " + current.type()
                        + ", not a struct: it has no field " + name;
            }
            Field field = current.field(name);
            if (field == null) {
                List<String> known = current.fields().stream().map(Field::name).toList();
                return "unknown field " + (walked.length() == 0 ? "" : walked + ".") + name + " (fields: "
                        + String.join(", ", known) + ")";
            }
            nullable |= current.isOptional();
            fields.add(field);
            current = field.schema();
            walked.append(walked.length() == 0 ? "" : ".").append(name);
        }
        return new FieldPath(List.copyOf(fields), current, nullable || current.isOptional());
    }

    Schema leafSchema() {
        return leaf;
    }

    /** True if the value read can be NULL: the field or any struct on the way is optional. */
    boolean nullable() {
        return nullable;
    }

    /** The type the leaf reads as (see {@link Type}). */
    Type type() {
        String logical = leaf.name();
        if (Decimal.LOGICAL_NAME.equals(logical)) {
            return Type.DOUBLE;
        }
        if (org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME.equals(logical)
                || org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(logical)
                || org.apache.kafka.connect.data.Time.LOGICAL_NAME.equals(logical)) {
            return Type.TIMESTAMP;
        }
        return switch (leaf.type()) {
            case INT8, INT16, INT32, INT64 -> Type.BIGINT;
            case FLOAT32, FLOAT64 -> Type.DOUBLE;
            case STRING -> Type.STRING;
            case BOOLEAN -> Type.BOOLEAN;
            default -> Type.COMPLEX;
        };
    }

    /** Reads the value as stored in the record (for Select's verbatim copies). */
    Evaluator raw() {
        if (fields.size() == 1) {
            Field field = fields.get(0);
            return root -> root == null ? null : ((Struct) root).get(field);
        }
        Field[] steps = fields.toArray(new Field[0]);
        return root -> {
            Object value = root;
            for (Field step : steps) {
                if (value == null) {
                    return null;
                }
                value = ((Struct) value).get(step);
            }
            return value;
        };
    }

    /** Reads the value normalised for the operators: Long for integers, Double for other numbers. */
    Evaluator normalized() {
        Evaluator raw = raw();
        return switch (type()) {
            case BIGINT -> leaf.type() == Schema.Type.INT64 ? raw : root -> {
                Object value = raw.evaluate(root);
                return value == null ? null : (Object) ((Number) value).longValue();
            };
            case DOUBLE -> leaf.type() == Schema.Type.FLOAT64 ? raw : root -> {
                Object value = raw.evaluate(root);
                return value == null ? null : (Object) ((Number) value).doubleValue();
            };
            default -> raw;
        };
    }

    /** Reads {@code path} from a record without a schema: maps (or structs) nested by name. */
    static Evaluator schemaless(List<String> path) {
        String[] names = path.toArray(new String[0]);
        return root -> {
            Object value = root;
            for (int i = 0; i < names.length; i++) {
                if (value == null) {
                    return null;
                }
                if (value instanceof Map<?, ?> map) {
                    value = map.get(names[i]);
                } else if (value instanceof Struct struct) {
                    value = struct.schema().field(names[i]) == null ? null : struct.get(names[i]);
                } else {
                    String where = i == 0 ? "the record" : "field " + String.join(".", List.of(names).subList(0, i));
                    throw new Operators.Mismatch(where + " is " + Operators.describe(value)
                            + ", not a struct or map: it has no field " + names[i]);
                }
            }
            return Operators.normalize(value);
        };
    }
}

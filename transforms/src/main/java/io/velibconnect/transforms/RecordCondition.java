package io.velibconnect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import io.velibconnect.transforms.expression.Compiler;
import io.velibconnect.transforms.expression.Evaluator;
import io.velibconnect.transforms.expression.Expression;
import io.velibconnect.transforms.expression.ExpressionException;

/**
 * A boolean expression tested on a record's key or value, compiled once per schema (Where and
 * ExpressionPredicate share it). Only TRUE passes: FALSE and NULL do not, as in a SQL WHERE.
 */
final class RecordCondition {

    private final Expression expression;
    private final SchemaCache<Evaluator> evaluators;

    private RecordCondition(Expression expression) {
        this.expression = expression;
        this.evaluators = new SchemaCache<>(schema -> {
            try {
                return checked(expression, schema);
            } catch (ExpressionException e) {
                String message = "Expression cannot be evaluated on records of schema "
                        + (schema.name() == null ? schema.type() : schema.name()) + ": " + e.getMessage();
                return root -> {
                    throw new DataException(message);
                };
            }
        });
    }

    /** Parses and checks {@code text}, or says what to fix and where, as a ConfigException for {@code key}. */
    static RecordCondition of(String key, String text) {
        try {
            Expression expression = Expression.parse(text);
            checked(expression, null);
            return new RecordCondition(expression);
        } catch (ExpressionException e) {
            throw new ConfigException(key, text, e.getMessage());
        }
    }

    /** Checks {@code text} as a condition without keeping it: for ConfigDef validators. */
    static void validate(String text) {
        checked(Expression.parse(text), null);
    }

    @Override
    public String toString() {
        return expression.source();
    }

    boolean readsFields() {
        return expression.readsFields();
    }

    /** True only when the expression is TRUE for {@code root} (a Struct, a Map, or null for a tombstone). */
    boolean test(Object root) {
        Evaluator evaluator = evaluators.get(root instanceof Struct struct ? struct.schema() : null);
        Object result = evaluator.evaluate(root);
        if (result == null || result instanceof Boolean) {
            return result == Boolean.TRUE;
        }
        throw new DataException("Expression `" + expression.source() + "` must give TRUE, FALSE or NULL, it gave "
                + result);
    }

    private static Evaluator checked(Expression expression, Schema schema) {
        return Compiler.compileCondition(expression, schema);
    }
}

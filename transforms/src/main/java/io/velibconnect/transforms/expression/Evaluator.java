package io.velibconnect.transforms.expression;

/**
 * A compiled expression (or part of one): computes its value from a record's key or value. NULL is Java null.
 * Built once per input schema by {@link Compiler}; evaluating does no parsing, no type dispatch the schema already
 * settled, and no field lookups by name on records with a schema.
 */
@FunctionalInterface
public interface Evaluator {
    Object evaluate(Object root);
}

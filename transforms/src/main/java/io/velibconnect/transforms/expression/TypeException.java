package io.velibconnect.transforms.expression;

/**
 * The expression parses but cannot be evaluated on the records it is given: the schema (or the literals alone)
 * prove an operator or function gets a value of the wrong type, or a field does not exist.
 */
public final class TypeException extends ExpressionException {
    TypeException(String problem, String source, int offset) {
        super(problem, source, offset);
    }
}

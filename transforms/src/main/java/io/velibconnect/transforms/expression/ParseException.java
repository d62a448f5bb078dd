package io.velibconnect.transforms.expression;

/** The text is not a valid expression: a lexical or syntax error, or nesting deeper than the parser allows. */
public final class ParseException extends ExpressionException {
    ParseException(String problem, String source, int offset) {
        super(problem, source, offset);
    }
}

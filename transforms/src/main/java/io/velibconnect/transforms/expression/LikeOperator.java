package io.velibconnect.transforms.expression;

/**
 * {@code value [NOT] LIKE pattern} on evaluated operands: NULL when the value or the pattern is NULL, and the pattern
 * is not evaluated when the value is NULL. A literal pattern is compiled once, with the expression; any other is
 * compiled for each record, since only the record gives its text.
 */
final class LikeOperator {

    private LikeOperator() {
    }

    static Evaluator fixedPattern(Evaluator operand, String pattern, boolean negated) {
        LikePattern compiled = LikePattern.compile(pattern);
        return root -> {
            String value = Operators.asString(operand.evaluate(root));
            return value == null ? null : (Object) (compiled.matches(value) != negated);
        };
    }

    static Evaluator patternPerRecord(Evaluator operand, Evaluator pattern, boolean negated) {
        return root -> {
            String value = Operators.asString(operand.evaluate(root));
            String text = value == null ? null : Operators.asString(pattern.evaluate(root));
            return text == null ? null : (Object) (LikePattern.compile(text).matches(value) != negated);
        };
    }
}

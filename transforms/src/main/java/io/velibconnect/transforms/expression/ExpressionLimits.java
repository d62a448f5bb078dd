package io.velibconnect.transforms.expression;

/**
 * The bounds that keep one expression's work per record small and predictable, whatever the configuration or the
 * record holds. The first four are checked when the expression is parsed (so a connector with a too-large
 * expression fails validation, with the limit in the message); the last when a value is computed.
 */
public final class ExpressionLimits {

    /** Characters of expression text: a list of every Vélib' station code takes about 15,000. */
    public static final int MAX_CHARACTERS = 100_000;

    /** Nodes of the syntax tree (each literal, field, operator and call is one). */
    public static final int MAX_NODES = 20_000;

    /** Items of one {@code IN (...)} list. */
    public static final int MAX_IN_ITEMS = 10_000;

    /** Nesting depth of the tree, which bounds the parser's recursion and the evaluator's. */
    public static final int MAX_DEPTH = 200;

    /**
     * Characters of a string a function makes longer than its arguments (CONCAT, UPPER of 'ß'...): a longer one is
     * an error for the record. A string read from the record passes through functions whatever its length.
     */
    public static final int MAX_STRING_CHARACTERS = 1_000_000;

    private ExpressionLimits() {
    }

    /**
     * Refuses a computed string of {@code length} characters over {@link #MAX_STRING_CHARACTERS} and longer than
     * the longest of the strings it was made from ({@code longestInput} characters); called before building it
     * where the length is known in advance.
     */
    static void checkStringLength(long length, long longestInput) {
        if (length > MAX_STRING_CHARACTERS && length > longestInput) {
            throw new Operators.Mismatch("the result would have " + length + " characters, over the limit of "
                    + MAX_STRING_CHARACTERS);
        }
    }
}

package io.velibconnect.transforms.expression;

/**
 * One lexical token. {@code value} holds the decoded literal (a {@code String} without quotes, a {@code Long},
 * a {@code Double}) or the identifier's name; {@code offset} indexes the source text (messages turn it into a
 * line and column).
 */
record Token(Kind kind, String text, Object value, int offset) {

    enum Kind {
        IDENTIFIER, QUOTED_IDENTIFIER, STRING, INTEGER, DECIMAL,
        EQ, NE, LT, LE, GT, GE, PLUS, MINUS, STAR, SLASH, PERCENT,
        LPAREN, RPAREN, COMMA, DOT, END
    }

    /** True when this is the bare (unquoted) keyword {@code word}, compared case-insensitively. */
    boolean isKeyword(String word) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(word);
    }

    /** How the token reads in an error message. */
    String describe() {
        return kind == Kind.END ? "end of input" : "'" + text + "'";
    }
}

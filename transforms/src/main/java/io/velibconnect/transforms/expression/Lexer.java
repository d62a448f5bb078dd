package io.velibconnect.transforms.expression;

import java.util.ArrayList;
import java.util.List;

import io.velibconnect.transforms.expression.Token.Kind;

/**
 * Splits expression text into tokens. Strings are single-quoted with {@code ''} for a quote; identifiers are bare
 * ({@code [A-Za-z_][A-Za-z0-9_]*}) or back-quoted with {@code ``} for a back-quote; numbers are integers (64-bit)
 * or decimals ({@code 1.5}, {@code 2e3}). Any other character is a {@link ParseException} at its position.
 */
final class Lexer {

    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipWhitespace();
            if (pos >= source.length()) {
                tokens.add(new Token(Kind.END, "", null, pos));
                return;
            }
            int start = pos;
            char c = source.charAt(pos);
            if (c == '\'') {
                String text = quoted('\'', "string");
                add(Kind.STRING, start, text);
            } else if (c == '`') {
                String name = quoted('`', "quoted name");
                if (name.isEmpty()) {
                    throw new ParseException("empty quoted name", source, start);
                }
                add(Kind.QUOTED_IDENTIFIER, start, name);
            } else if (isIdentifierStart(c)) {
                while (pos < source.length() && isIdentifierPart(source.charAt(pos))) {
                    pos++;
                }
                add(Kind.IDENTIFIER, start, source.substring(start, pos));
            } else if (c >= '0' && c <= '9') {
                number(start);
            } else {
                symbol(start, c);
            }
        }
    }

    private void skipWhitespace() {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return;
            }
            pos++;
        }
    }

    private String quoted(char quote, String what) {
        int start = pos;
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < source.length()) {
            char c = source.charAt(pos++);
            if (c == quote) {
                if (pos < source.length() && source.charAt(pos) == quote) {
                    text.append(quote);
                    pos++;
                } else {
                    return text.toString();
                }
            } else {
                text.append(c);
            }
        }
        throw new ParseException("unterminated " + what + " (missing closing " + quote + ")", source, start);
    }

    private void number(int start) {
        while (pos < source.length() && isDigit(source.charAt(pos))) {
            pos++;
        }
        boolean decimal = false;
        if (pos + 1 < source.length() && source.charAt(pos) == '.' && isDigit(source.charAt(pos + 1))) {
            decimal = true;
            pos++;
            while (pos < source.length() && isDigit(source.charAt(pos))) {
                pos++;
            }
        }
        if (pos < source.length() && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
            int exponent = pos + 1;
            if (exponent < source.length() && (source.charAt(exponent) == '+' || source.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < source.length() && isDigit(source.charAt(exponent))) {
                decimal = true;
                pos = exponent;
                while (pos < source.length() && isDigit(source.charAt(pos))) {
                    pos++;
                }
            }
        }
        if (pos < source.length() && isIdentifierPart(source.charAt(pos))) {
            throw new ParseException("malformed number", source, start);
        }
        String text = source.substring(start, pos);
        if (decimal) {
            double value = Double.parseDouble(text);
            if (Double.isInfinite(value)) {
                throw new ParseException("number out of range", source, start);
            }
            tokens.add(token(Kind.DECIMAL, start, value));
        } else {
            try {
                tokens.add(token(Kind.INTEGER, start, Long.parseLong(text)));
            } catch (NumberFormatException e) {
                throw new ParseException("integer out of range (64-bit)", source, start);
            }
        }
    }

    private void symbol(int start, char c) {
        char next = pos + 1 < source.length() ? source.charAt(pos + 1) : '\0';
        Kind kind;
        int length = 1;
        switch (c) {
            case '=' -> kind = Kind.EQ;
            case '!' -> {
                if (next != '=') {
                    throw new ParseException("unexpected character '!' (did you mean '!='?)", source, start);
                }
                kind = Kind.NE;
                length = 2;
            }
            case '<' -> {
                kind = next == '=' ? Kind.LE : next == '>' ? Kind.NE : Kind.LT;
                length = kind == Kind.LT ? 1 : 2;
            }
            case '>' -> {
                kind = next == '=' ? Kind.GE : Kind.GT;
                length = kind == Kind.GE ? 2 : 1;
            }
            case '+' -> kind = Kind.PLUS;
            case '-' -> kind = Kind.MINUS;
            case '*' -> kind = Kind.STAR;
            case '/' -> kind = Kind.SLASH;
            case '%' -> kind = Kind.PERCENT;
            case '(' -> kind = Kind.LPAREN;
            case ')' -> kind = Kind.RPAREN;
            case ',' -> kind = Kind.COMMA;
            case '.' -> kind = Kind.DOT;
            default -> throw new ParseException("unexpected character " + printable(c), source, start);
        }
        pos += length;
        tokens.add(token(kind, start, null));
    }

    private void add(Kind kind, int start, Object value) {
        tokens.add(token(kind, start, value));
    }

    private Token token(Kind kind, int start, Object value) {
        return new Token(kind, source.substring(start, pos), value, start);
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}

package io.velibconnect.transforms.expression;

/**
 * A problem in an expression the user wrote, located at a line and column of its text. The message names the
 * position and shows the offending line with a caret under the spot:
 * <pre>
 * expected ')' at 1:34 (found end of input)
 * stationCode IN ('16107', '32017'
 *                                  ^
 * </pre>
 */
public class ExpressionException extends RuntimeException {

    private final String problem;
    private final int line;
    private final int column;

    ExpressionException(String problem, String source, int offset) {
        this(problem, source, Position.of(source, offset));
    }

    private ExpressionException(String problem, String source, Position position) {
        super(problem + " at " + position.line + ":" + position.column + position.detail
                + "\n" + position.shownLine + "\n" + caret(position.shownLine, position.caretColumn),
                null, false, false);
        this.problem = problem;
        this.line = position.line;
        this.column = position.column;
    }

    /** The problem without its position, e.g. {@code expected ')'}. */
    public String problem() {
        return problem;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    private static String caret(String sourceLine, int column) {
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < column - 1; i++) {
            // keep tabs so the caret lines up under the same spot in a terminal
            pad.append(i < sourceLine.length() && sourceLine.charAt(i) == '\t' ? '\t' : ' ');
        }
        return pad.append('^').toString();
    }

    /**
     * Line and column of an offset, the text of that line around the column (a long line, such as a list of
     * station codes, is cut to {@link #SHOWN} characters), where the caret goes in it, and what sits there.
     */
    private record Position(int line, int column, String shownLine, int caretColumn, String detail) {
        private static final int SHOWN = 120;

        static Position of(String source, int offset) {
            int at = Math.max(0, Math.min(offset, source.length()));
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (source.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int lineEnd = source.indexOf('\n', lineStart);
            String text = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            String detail = at >= source.length() ? " (found end of input)" : "";
            int column = at - lineStart + 1;
            if (text.length() <= SHOWN) {
                return new Position(line, column, text, column, detail);
            }
            int from = Math.max(0, Math.min(column - 1 - SHOWN / 2, text.length() - SHOWN));
            String prefix = from > 0 ? "..." : "";
            String shown = prefix + text.substring(from, from + SHOWN) + (from + SHOWN < text.length() ? "..." : "");
            return new Position(line, column, shown, column - from + prefix.length(), detail);
        }
    }
}

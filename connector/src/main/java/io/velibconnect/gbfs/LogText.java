package io.velibconnect.gbfs;

/**
 * Makes text that a feed or server supplied (station ids, system ids, URLs, reason phrases, error bodies) safe for
 * a log line or a metric: a newline could forge a log line and an ANSI escape could repaint a terminal, so every
 * control character becomes a visible escape ({@code \n}, {@code \u001b}), and the text is cut to a length a
 * reader can take in.
 */
public final class LogText {

    static final int MAX_CHARS = 200;

    private LogText() {
    }

    /** {@code text} escaped and truncated; "null" for null. */
    public static String of(Object text) {
        return of(text, MAX_CHARS);
    }

    /** {@code text} escaped and cut after about {@code maxChars} characters; "null" for null. */
    public static String of(Object text, int maxChars) {
        if (text == null) {
            return "null";
        }
        String raw = text.toString();
        StringBuilder out = new StringBuilder(Math.min(raw.length(), maxChars) + 16);
        for (int i = 0; i < raw.length(); i++) {
            if (out.length() >= maxChars) {
                return out.append("…(").append(raw.length()).append(" chars)").toString();
            }
            char c = raw.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                            || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}

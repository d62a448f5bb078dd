package io.velibconnect.transforms.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * A LIKE pattern: {@code %} is any run of characters (none included), {@code _} exactly one character, every other
 * character stands for itself, case-sensitively; a character is a Unicode code point, as ksqlDB's regex-based LIKE
 * counts them. There is no escape character.
 * <p>
 * Matching never backtracks more than one piece: the pattern is the literal pieces between its {@code %}s; the
 * first piece must match at the start, the last at the end, and each one between is matched at its leftmost place
 * after the previous one. Leftmost is always safe: a later place leaves less text for the pieces after it. So a
 * match costs at most (text length × pattern length) character comparisons, whatever the pattern and text, where a
 * regex such as {@code .*a.*a.*a.*b} is exponential in the number of {@code %}.
 */
final class LikePattern {

    /** Stands for {@code _} in a piece: code points are never negative. */
    private static final int ANY_ONE = -1;

    private final int[][] pieces;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;

    private LikePattern(int[][] pieces, boolean anchoredStart, boolean anchoredEnd) {
        this.pieces = pieces;
        this.anchoredStart = anchoredStart;
        this.anchoredEnd = anchoredEnd;
    }

    static LikePattern compile(String pattern) {
        List<int[]> pieces = new ArrayList<>();
        List<Integer> piece = new ArrayList<>();
        pattern.codePoints().forEach(c -> {
            if (c == '%') {
                pieces.add(toArray(piece));
                piece.clear();
            } else {
                piece.add(c == '_' ? ANY_ONE : c);
            }
        });
        pieces.add(toArray(piece));
        // "a%b" is [a, b]; with no '%' at all the single piece is anchored at both ends
        boolean anchoredStart = !pattern.startsWith("%");
        boolean anchoredEnd = !pattern.endsWith("%") || pattern.isEmpty();
        List<int[]> nonEmpty = pieces.stream().filter(p -> p.length > 0).toList();
        return new LikePattern(nonEmpty.toArray(new int[0][]), anchoredStart, anchoredEnd);
    }

    boolean matches(String value) {
        int[] text = value.codePoints().toArray();
        int first = 0;
        int last = pieces.length - 1;
        int from = 0;
        int to = text.length;
        if (pieces.length == 0) {
            // "" matches only ""; "%", "%%"... match everything
            return !(anchoredStart && anchoredEnd) || text.length == 0;
        }
        if (anchoredStart) {
            if (!matchesAt(pieces[0], text, 0, to)) {
                return false;
            }
            from = pieces[0].length;
            first = 1;
            if (pieces.length == 1 && anchoredEnd) {
                return from == text.length;
            }
        }
        if (anchoredEnd && first <= last) {
            int start = text.length - pieces[last].length;
            if (start < from || !matchesAt(pieces[last], text, start, to)) {
                return false;
            }
            to = start;
            last--;
        }
        for (int i = first; i <= last; i++) {
            int at = find(pieces[i], text, from, to);
            if (at < 0) {
                return false;
            }
            from = at + pieces[i].length;
        }
        return true;
    }

    /** The leftmost place at or after {@code from} where {@code piece} fits before {@code to}, or -1. */
    private static int find(int[] piece, int[] text, int from, int to) {
        for (int start = from; start + piece.length <= to; start++) {
            if (matchesAt(piece, text, start, to)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean matchesAt(int[] piece, int[] text, int start, int to) {
        if (start < 0 || start + piece.length > to) {
            return false;
        }
        for (int i = 0; i < piece.length; i++) {
            if (piece[i] != ANY_ONE && piece[i] != text[start + i]) {
                return false;
            }
        }
        return true;
    }

    private static int[] toArray(List<Integer> codePoints) {
        return codePoints.stream().mapToInt(Integer::intValue).toArray();
    }
}

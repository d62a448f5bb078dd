package io.velibconnect.transforms.expression;

import java.text.BreakIterator;
import java.util.Locale;

/**
 * UPPER and LOWER (Locale.ROOT, as String's methods) in time linear in the text. String's own methods are
 * quadratic on some texts: each character that maps to two ('ß' to "SS", 'İ' to "i̇") regrows the whole result,
 * and each 'Σ' in a long word (lower-cased to 'σ', or 'ς' at a word's end) rescans the word; a 64,000-character
 * field of them takes seconds. So the text is mapped in short runs: upper-casing depends on no context, and
 * lower-casing only on the word around a 'Σ'.
 */
final class CaseMapping {

    /** Characters mapped at once: long enough to be fast, short enough that a regrow costs little. */
    private static final int RUN = 256;

    private static final char SIGMA = '\u03A3';

    private CaseMapping() {
    }

    static String upper(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + RUN);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            out.append(text.substring(start, end).toUpperCase(Locale.ROOT));
            start = end;
        }
        return out.toString();
    }

    static String lower(String text) {
        if (text.indexOf(SIGMA) < 0) {
            return lowerRuns(text, 0, text.length(), new StringBuilder(text.length())).toString();
        }
        StringBuilder out = new StringBuilder(text.length());
        BreakIterator words = BreakIterator.getWordInstance(Locale.ROOT);
        words.setText(text);
        int start = words.first();
        int pending = start;
        for (int end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
            int sigma = text.indexOf(SIGMA, start);
            if (sigma < 0 || sigma >= end) {
                continue;
            }
            lowerRuns(text, pending, start, out);
            pending = end;
            if (end - start <= RUN) {
                // String's own rule, on the word alone: it looks no further than the word
                out.append(text.substring(start, end).toLowerCase(Locale.ROOT));
            } else {
                lowerLongWord(text, start, end, out);
            }
        }
        return lowerRuns(text, pending, text.length(), out).toString();
    }

    /** Lower-cases text[from, to), which holds no 'Σ', a run at a time. */
    private static StringBuilder lowerRuns(String text, int from, int to, StringBuilder out) {
        int start = from;
        while (start < to) {
            int end = Math.min(to, start + RUN);
            if (end < to && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            out.append(text.substring(start, end).toLowerCase(Locale.ROOT));
            start = end;
        }
        return out;
    }

    /** A word longer than a run: each 'Σ' is final ('ς') when a cased letter comes before it and none after. */
    private static void lowerLongWord(String text, int start, int end, StringBuilder out) {
        int lastCased = -1;
        int firstCased = -1;
        for (int i = start; i < end; i++) {
            if (isCased(text.charAt(i))) {
                firstCased = firstCased < 0 ? i : firstCased;
                lastCased = i;
            }
        }
        int pending = start;
        for (int i = text.indexOf(SIGMA, start); i >= 0 && i < end; i = text.indexOf(SIGMA, i + 1)) {
            lowerRuns(text, pending, i, out);
            boolean casedBefore = firstCased >= 0 && firstCased < i;
            boolean casedAfter = lastCased > i;
            out.append(casedBefore && !casedAfter ? '\u03C2' : '\u03C3');
            pending = i + 1;
        }
        lowerRuns(text, pending, end, out);
    }

    private static boolean isCased(char c) {
        return Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
    }
}

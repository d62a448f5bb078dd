package io.velibconnect.transforms.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** UPPER and LOWER give String's answers, run by run, and stay fast on the texts where String's are quadratic. */
class CaseMappingTest {

    private static final String[] ALPHABET = {"a", "B", "ß", "İ", "Σ", "σ", " ", ".", "'", "1", "😀", "\u0301", "ŉ",
        "-", "\n", "Ǆ"};

    @Test
    void agreesWithStringOnRandomTexts() {
        Random random = new Random(75001);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            // some texts span several runs, and some have words longer than a run
            int length = i % 100 == 0 ? 300 + random.nextInt(900) : random.nextInt(30);
            boolean oneWord = random.nextInt(4) == 0;
            for (int c = 0; c < length; c++) {
                text.append(oneWord ? "aΣB".charAt(random.nextInt(3)) : ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            String s = text.toString();
            assertEquals(s.toUpperCase(Locale.ROOT), CaseMapping.upper(s), s);
            assertEquals(s.toLowerCase(Locale.ROOT), CaseMapping.lower(s), s);
        }
    }

    @Test
    void textsThatStringMapsInQuadraticTimeFinish() {
        int n = 500_000;
        assertEquals(2 * n, CaseMapping.upper("ß".repeat(n)).length());
        assertEquals(2 * n, CaseMapping.lower("İ".repeat(n)).length());
        String sigmas = CaseMapping.lower("Σ".repeat(n));
        assertEquals("σ".repeat(n - 1) + "ς", sigmas, "the last of a word is final");
        assertEquals("σσς σς", CaseMapping.lower("ΣΣΣ ΣΣ"));
    }
}

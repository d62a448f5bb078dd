package io.velibconnect.transforms.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** LIKE without a regex: the answers of the regex translation LIKE used to be (as ksqlDB's is), in bounded time. */
class LikePatternTest {

    /** The reference: LIKE as a regex, {@code %} is {@code .*}, {@code _} is {@code .}, the rest quoted. */
    private static boolean regexLike(String value, String like) {
        StringBuilder regex = new StringBuilder();
        like.codePoints().forEach(c -> regex.append(c == '%' ? ".*" : c == '_' ? "."
                : Pattern.quote(Character.toString(c))));
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }

    @Test
    void agreesWithTheRegexOnRandomPatternsAndTexts() {
        // a small alphabet so that pieces often match, partly match and overlap; a supplementary character and a
        // newline for what one "character" is
        String[] alphabet = {"a", "b", "%", "_", "😀", "\n", "."};
        Random random = new Random(1215);
        int matched = 0;
        for (int i = 0; i < 200_000; i++) {
            String pattern = word(random, alphabet, random.nextInt(8));
            String text = word(random, new String[] {"a", "b", "😀", "\n", "%", "_", "."}, random.nextInt(10));
            boolean expected = regexLike(text, pattern);
            assertEquals(expected, LikePattern.compile(pattern).matches(text), "'" + text + "' LIKE '" + pattern + "'");
            matched += expected ? 1 : 0;
        }
        assertTrue(matched > 10_000 && matched < 190_000, "both answers are common: " + matched);
    }

    @Test
    void edgeCases() {
        Map<String, Boolean> cases = Map.ofEntries(
                Map.entry("'' LIKE ''", true), Map.entry("'a' LIKE ''", false), Map.entry("'' LIKE '%'", true),
                Map.entry("'' LIKE '_'", false), Map.entry("'😀' LIKE '_'", true),
                Map.entry("'😀' LIKE '__'", false),
                Map.entry("'aa' LIKE 'a%a'", true), Map.entry("'a' LIKE 'a%a'", false),
                Map.entry("'aXbXc' LIKE 'a%b%c'", true), Map.entry("'abcb' LIKE '%b'", true),
                Map.entry("'ab' LIKE '%%%'", true), Map.entry("'abab' LIKE '_b%_b'", true),
                Map.entry("'aba' LIKE '%ab%ba%'", false), Map.entry("'abba' LIKE '%ab%ba%'", true),
                Map.entry("'A' LIKE 'a'", false));
        cases.forEach((expression, expected) -> {
            Expression parsed = Expression.parse(expression);
            Ast.Like like = (Ast.Like) parsed.root();
            String text = (String) ((Ast.Literal) like.operand()).value();
            String pattern = (String) ((Ast.Literal) like.pattern()).value();
            assertEquals(expected, LikePattern.compile(pattern).matches(text), expression);
            assertEquals(regexLike(text, pattern), expected, "reference agrees on " + expression);
        });
    }

    @Test
    void backtrackingPatternsOnLongTextsFinish() {
        // the regex .*a.*a.*a.*a.*a.*b takes minutes on this text; pieces matched leftmost take one pass per piece
        String text = "a".repeat(4096);
        assertFalse(LikePattern.compile("%a%a%a%a%a%a%a%a%b").matches(text));
        assertTrue(LikePattern.compile("%a%a%a%a%a%a%a%a%").matches(text));
        assertFalse(LikePattern.compile("%" + "_".repeat(100) + "%b").matches(text));
        assertFalse(LikePattern.compile("%" + "a".repeat(2000) + "b%").matches(text));

        // through the SMT's evaluator, with the pattern taken from the record itself
        Evaluator like = Compiler.compile(Expression.parse("name LIKE pattern"), null).evaluator();
        assertEquals(Boolean.FALSE, like.evaluate(Map.of("name", text, "pattern", "%a".repeat(500) + "%b")));
        assertEquals(Boolean.TRUE, like.evaluate(Map.of("name", text, "pattern", "%a".repeat(500) + "%")));
    }

    private static String word(Random random, String[] alphabet, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return word.toString();
    }
}

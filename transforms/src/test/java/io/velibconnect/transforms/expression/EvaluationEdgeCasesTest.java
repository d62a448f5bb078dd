package io.velibconnect.transforms.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ends of every range: overflow, huge arguments, long strings, long IN lists. Each fails as a DataException. */
class EvaluationEdgeCasesTest {

    private static final Schema SCHEMA = SchemaBuilder.struct().field("s", Schema.STRING_SCHEMA)
            .field("big", Schema.INT64_SCHEMA).field("x", Schema.FLOAT64_SCHEMA).build();

    private static Object eval(String text) {
        Expression expression = Expression.parse(text);
        Struct struct = new Struct(SCHEMA).put("s", "abcdef").put("big", Long.MIN_VALUE).put("x", 1e308);
        Map<String, Object> map = new HashMap<>(Map.of("s", "abcdef", "big", Long.MIN_VALUE, "x", 1e308));
        Object typed = Compiler.compile(expression, SCHEMA).evaluator().evaluate(struct);
        assertEquals(typed, Compiler.compile(expression, null).evaluator().evaluate(map), text);
        return typed;
    }

    private static String failure(String text) {
        Expression expression = Expression.parse(text);
        Struct struct = new Struct(SCHEMA).put("s", "abcdef").put("big", Long.MIN_VALUE).put("x", 1e308);
        String typed = assertThrows(DataException.class,
                () -> Compiler.compile(expression, SCHEMA).evaluator().evaluate(struct), text).getMessage();
        String schemaless = assertThrows(DataException.class, () -> Compiler.compile(expression, null).evaluator()
                .evaluate(Map.of("s", "abcdef", "big", Long.MIN_VALUE, "x", 1e308)), text).getMessage();
        assertEquals(typed, schemaless, text);
        return typed;
    }

    @Test
    void substringLengthsPastTheEndTakeTheRest() {
        assertEquals("bcdef", eval("SUBSTRING(s, 2, 9223372036854775807)"));
        assertEquals("f", eval("SUBSTRING(s, -1, 9223372036854775807)"));
        assertEquals("abcdef", eval("SUBSTRING(s, big, 9223372036854775807)"), "pos -2^63 clamps to the start");
        assertEquals("", eval("SUBSTRING(s, 9223372036854775807, 9223372036854775807)"));
        assertEquals("", eval("SUBSTRING(s, 2, big)"), "a negative length is empty");
        assertEquals("bc", eval("SUBSTRING(s, 2, 2)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9223372036854775807 + 1 | 9223372036854775807 + 1 is out of the BIGINT range",
        "big - 1 | -9223372036854775808 - 1 is out of the BIGINT range",
        "big * -1 | -9223372036854775808 * -1 is out of the BIGINT range",
        "big / -1 | -9223372036854775808 / -1 is out of the BIGINT range",
        "-big | -(-9223372036854775808) is out of the BIGINT range",
        "ABS(big) | ABS(-9223372036854775808) is out of the BIGINT range",
        "ROUND(1e19) | ROUND(1.0E19) is out of the BIGINT range",
        "ROUND(-x) | ROUND(-1.0E308) is out of the BIGINT range",
        "ROUND(9223372036854775807, -1) | ROUND(9223372036854775807) is out of the BIGINT range",
        "CAST(x AS BIGINT) | CAST(1.0E308 AS BIGINT) is out of the BIGINT range",
        "x * 10 | 1.0E308 * 10.0 is too large for a DOUBLE",
        "x + x | 1.0E308 + 1.0E308 is too large for a DOUBLE",
        "CAST('+1000000000-12-31T23:59:59Z' AS TIMESTAMP) | cannot CAST STRING '+1000000000-12-31T23:59:59Z' AS "
                + "TIMESTAMP: out of the TIMESTAMP range",
        "CAST(CAST('NaN' AS DOUBLE) AS BIGINT) | CAST(NaN AS BIGINT) is out of the BIGINT range",
    })
    void overflowIsADataExceptionThatSaysWhatAndWhere(String expression, String problem) {
        String message = failure(expression);
        assertTrue(message.startsWith(problem), message);
        assertTrue(message.matches("(?s).* at 1:\\d+ in `.*"), "names the position and the part: " + message);
        if (expression.contains("big") || expression.contains("x")) {
            assertTrue(message.matches("(?s).*\\(fields? .*\\)$"), "names the field: " + message);
        }
    }

    @Test
    void valuesAtTheEdgeButInsideTheRangeAreComputed() {
        assertEquals(Long.MIN_VALUE, eval("-9223372036854775807 - 1"));
        assertEquals(Long.MAX_VALUE, eval("ABS(big + 1)"));
        assertEquals(0L, eval("big % -1"));
        assertEquals(Long.MIN_VALUE, eval("big / 1"));
        assertEquals(Long.MIN_VALUE, eval("CAST(-9.223372036854775808e18 AS BIGINT)"));
        assertEquals(9_223_372_036_854_774_800L, eval("ROUND(9.223372036854774784e18)"), "the double's shortest digits");
        assertEquals(0L, eval("ROUND(9223372036854775807, -20)"));
        assertEquals(0.0, eval("ROUND(x, -400)"), "rounding past every digit is 0, not a clamp to 30 places");
        assertEquals(1e308, eval("ROUND(x, 400)"));
        assertEquals(new Date(Long.MAX_VALUE), eval("CAST(9223372036854775807 AS TIMESTAMP)"));
        assertEquals("+292278994-08-17T07:12:55.807Z", eval("CAST(CAST(9223372036854775807 AS TIMESTAMP) AS STRING)"));
        assertNull(eval("big / 0"));
        assertNull(eval("x % 0"));
    }

    @Test
    void functionsMakeNoStringLongerThanTheLimit() {
        int limit = ExpressionLimits.MAX_STRING_CHARACTERS;
        String half = "a".repeat(limit / 2 + 1);
        Map<String, Object> record = Map.of("half", half, "long", "ß".repeat(limit / 2 + 1), "huge", "b".repeat(limit * 2));
        Evaluator concat = Compiler.compile(Expression.parse("LEN(CONCAT(half, half))"), null).evaluator();
        String message = assertThrows(DataException.class, () -> concat.evaluate(record)).getMessage();
        assertTrue(message.startsWith("the result would have 1000002 characters, over the limit of 1000000 at 1:5"),
                message);
        assertTrue(message.endsWith("(field half)"), message);
        assertThrows(DataException.class, () -> Compiler.compile(Expression.parse("UPPER(long)"), null).evaluator()
                .evaluate(record), "'ß' upper-cased is 'SS': twice as long");
        assertEquals((long) limit * 2, Compiler.compile(Expression.parse("LEN(CONCAT(LOWER(huge), NULL))"), null)
                .evaluator().evaluate(record), "a string from the record passes, however long");
        assertEquals((long) limit, Compiler.compile(Expression.parse("LEN(CONCAT(SUBSTRING(half, 3), half))"), null)
                .evaluator().evaluate(record), "exactly the limit");
    }

    @Test
    void longInListsAnswerAsAChainOfEqualities() {
        Random random = new Random(75010);
        List<Object> values = List.of(1L, 2L, 3.0, 2.5, -0.0, 0L, 9007199254740993L, 9.007199254740992E15,
                Long.MAX_VALUE, 9.223372036854775807E18);
        for (int round = 0; round < 300; round++) {
            List<String> items = new ArrayList<>();
            int count = 1 + random.nextInt(20);
            for (int i = 0; i < count; i++) {
                items.add(random.nextInt(15) == 0 ? "NULL" : literal(values.get(random.nextInt(values.size()))));
            }
            String in = "v IN (" + String.join(", ", items) + ")";
            String chain = "(" + String.join(" OR ", items.stream().map(item -> "v = " + item).toList()) + ")";
            Evaluator list = Compiler.compile(Expression.parse(in), null).evaluator();
            Evaluator equalities = Compiler.compile(Expression.parse(chain), null).evaluator();
            for (Object value : values) {
                Map<String, Object> record = Map.of("v", value);
                assertEquals(equalities.evaluate(record), list.evaluate(record), in + " for v = " + value);
            }
        }
    }

    @Test
    void aValueThatCannotBeComparedWithSomeItemIsAnErrorWhereverTheItemSits() {
        for (String items : List.of("'a', 1", "1, 'a'", "'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 1")) {
            Evaluator in = Compiler.compile(Expression.parse("v IN (" + items + ")"), null).evaluator();
            String message = assertThrows(DataException.class, () -> in.evaluate(Map.of("v", "a"))).getMessage();
            assertTrue(message.startsWith("cannot compare STRING 'a' with BIGINT 1 at 1:3"), message);
        }
    }

    @Test
    void aLineBreakInAValueKeepsTheMessageOnOneLineWithThePosition() {
        // found by ExpressionFuzzTest#evaluator: the position used to be cut off with the value's second line
        Evaluator times = Compiler.compile(Expression.parse("n * 2"), null).evaluator();
        String message = assertThrows(DataException.class, () -> times.evaluate(Map.of("n", "a\nb"))).getMessage();
        assertEquals("cannot apply * to STRING 'a\\nb' and BIGINT 2 at 1:3 in `(n * 2)` (field n)", message);
    }

    private static String literal(Object value) {
        if (value instanceof Double d && d == 0.0) {
            return "-0.0";
        }
        return value instanceof Long l && l == Long.MAX_VALUE ? "9223372036854775807" : String.valueOf(value);
    }
}

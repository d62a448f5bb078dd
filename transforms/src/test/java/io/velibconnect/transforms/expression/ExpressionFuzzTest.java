package io.velibconnect.transforms.expression;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer targets. Text of any kind only ever gives a positioned ParseException or TypeException; any expression on
 * any record only ever gives a value or a DataException. Without JAZZER_FUZZ they replay the inputs under
 * {@code ExpressionFuzzTestInputs/<method>/} (seeds and past findings); the build's fuzz executions (transforms
 * pom) fuzz each for a while.
 */
class ExpressionFuzzTest {

    private static final Schema NESTED = SchemaBuilder.struct().optional()
            .field("city", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema SCHEMA = SchemaBuilder.struct()
            .field("s", Schema.STRING_SCHEMA).field("t", Schema.OPTIONAL_STRING_SCHEMA)
            .field("n", Schema.INT64_SCHEMA).field("i", Schema.OPTIONAL_INT32_SCHEMA)
            .field("x", Schema.FLOAT64_SCHEMA).field("b", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("at", Timestamp.SCHEMA).field("a", NESTED).build();

    @FuzzTest
    @DictionaryEntries({"AND", "OR", "NOT", "IN", "BETWEEN", "LIKE", "IS", "NULL", "CASE", "WHEN", "THEN", "ELSE",
        "END", "CAST", "AS", "'", "`", "(", ")", ","})
    void lexerAndParser(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            Compiler.compile(Expression.parse(text), null);
        } catch (ExpressionException e) {
            assertPositioned(e);
        }
        try {
            Projection.compile(SelectList.parse(text), null);
        } catch (ExpressionException e) {
            assertPositioned(e);
        }
    }

    /** Input: the expression, a NUL, then bytes the record's values are read from. */
    @FuzzTest
    @DictionaryEntries({"s", "t", "n", "i", "x", "b", "at", "a.city", "LIKE '%", "9223372036854775807", "1e308",
        "SUBSTRING(", "CONCAT(", "ROUND(", "ABS(", "UPPER(", "LOWER(", "CAST(", " AS BIGINT)", " AS TIMESTAMP)",
        " IN (", "CASE WHEN ", "COALESCE(", "IFNULL("})
    void evaluator(byte[] input) {
        int split = indexOf(input, (byte) 0);
        String text = new String(input, 0, split, StandardCharsets.UTF_8);
        ByteBuffer values = ByteBuffer.wrap(input, Math.min(split + 1, input.length),
                Math.max(0, input.length - split - 1));
        Expression expression;
        try {
            expression = Expression.parse(text);
        } catch (ParseException e) {
            return;
        }
        Map<String, Object> map = record(values);
        Struct struct = struct(map);
        evaluate(expression, SCHEMA, struct);
        // the same values without schema, and values of the wrong type for their names
        evaluate(expression, null, map);
        map.put("n", map.get("s"));
        map.put("s", map.get("x"));
        evaluate(expression, null, map);
    }

    private static void evaluate(Expression expression, Schema schema, Object record) {
        Evaluator evaluator;
        try {
            evaluator = Compiler.compile(expression, schema).evaluator();
        } catch (TypeException e) {
            assertPositioned(e);
            return;
        }
        try {
            evaluator.evaluate(record);
        } catch (DataException e) {
            assertTrue(e.getMessage().contains(" at "), "names the position: " + e.getMessage());
        }
    }

    private static void assertPositioned(ExpressionException e) {
        assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
        assertTrue(e.getMessage().contains(" at " + e.line() + ":" + e.column()), e.getMessage());
    }

    private static Map<String, Object> record(ByteBuffer values) {
        Map<String, Object> map = new HashMap<>();
        map.put("s", string(values));
        map.put("t", values.hasRemaining() && values.get() % 3 == 0 ? null : string(values));
        map.put("n", values.remaining() >= 8 ? values.getLong() : 7L);
        map.put("i", values.remaining() >= 4 ? (Object) (long) values.getInt() : null);
        map.put("x", values.remaining() >= 8 ? values.getDouble() : 2.5);
        map.put("b", values.hasRemaining() ? (Object) (values.get() % 2 == 0) : null);
        map.put("at", new Date(values.remaining() >= 8 ? values.getLong() : 0L));
        Map<String, Object> nested = new HashMap<>();
        nested.put("city", string(values));
        map.put("a", nested);
        return map;
    }

    /** A string of up to 64 bytes: its length is the next byte. */
    private static String string(ByteBuffer values) {
        int length = values.hasRemaining() ? Math.min(values.get() & 0x3f, values.remaining()) : 0;
        byte[] bytes = new byte[length];
        values.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Struct struct(Map<String, Object> map) {
        Struct nested = new Struct(NESTED).put("city", ((Map<?, ?>) map.get("a")).get("city"));
        Long i = (Long) map.get("i");
        return new Struct(SCHEMA).put("s", map.get("s")).put("t", map.get("t")).put("n", map.get("n"))
                .put("i", i == null ? null : i.intValue()).put("x", map.get("x")).put("b", map.get("b"))
                .put("at", map.get("at")).put("a", nested);
    }

    private static int indexOf(byte[] input, byte wanted) {
        for (int i = 0; i < input.length; i++) {
            if (input[i] == wanted) {
                return i;
            }
        }
        return input.length;
    }
}

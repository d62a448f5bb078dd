package io.velibconnect.transforms.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every operator and function, on a Struct with a schema and on the same record as a schemaless map. */
class ExpressionEvaluationTest {

    private static final Schema ADDRESS = SchemaBuilder.struct().optional()
            .field("city", Schema.OPTIONAL_STRING_SCHEMA).field("zip", Schema.INT32_SCHEMA).build();
    private static final Schema SCHEMA = SchemaBuilder.struct()
            .field("name", Schema.STRING_SCHEMA)
            .field("n", Schema.INT32_SCHEMA)
            .field("big", Schema.INT64_SCHEMA)
            .field("x", Schema.FLOAT64_SCHEMA)
            .field("f", Schema.FLOAT32_SCHEMA)
            .field("flag", Schema.BOOLEAN_SCHEMA)
            .field("nothing", Schema.OPTIONAL_INT32_SCHEMA)
            .field("nostr", Schema.OPTIONAL_STRING_SCHEMA)
            .field("nobool", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("at", Timestamp.SCHEMA)
            .field("address", ADDRESS)
            .field("odd name", Schema.STRING_SCHEMA)
            .build();

    private static Struct struct() {
        return new Struct(SCHEMA).put("name", " Gare du Nord ").put("n", 7).put("big", 10_000_000_000L)
                .put("x", 2.5).put("f", 1.5f).put("flag", true).put("at", new Date(1_734_258_950_000L))
                .put("address", new Struct(ADDRESS).put("city", "Paris").put("zip", 75010))
                .put("odd name", "it's odd");
    }

    private static Map<String, Object> map() {
        Map<String, Object> map = new HashMap<>();
        map.put("name", " Gare du Nord ");
        map.put("n", 7L);
        map.put("big", 10_000_000_000L);
        map.put("x", 2.5);
        map.put("f", 1.5);
        map.put("flag", true);
        map.put("nothing", null);
        map.put("at", new Date(1_734_258_950_000L));
        map.put("address", Map.of("city", "Paris", "zip", 75010));
        map.put("odd name", "it's odd");
        return map;
    }

    /** Evaluates on both shapes and checks they agree. */
    private static Object eval(String text) {
        Expression expression = Expression.parse(text);
        Object typed = Compiler.compile(expression, SCHEMA).evaluator().evaluate(struct());
        Object schemaless = Compiler.compile(expression, null).evaluator().evaluate(map());
        assertEquals(typed, schemaless, "struct and map disagree on " + text);
        return typed;
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // comparisons
        "n = 7 | true", "n != 7 | false", "n <> 8 | true", "n < 8 | true", "n <= 7 | true", "n > 7 | false",
        "n >= 8 | false", "x > n | false", "x = 2.5 | true", "n = 7.0 | true", "name = ' Gare du Nord ' | true",
        "'abc' < 'abd' | true", "flag = TRUE | true", "FALSE < TRUE | true", "big > 2147483647 | true",
        "f = 1.5 | true",
        // three-valued logic
        "nothing = 1 | NULL", "nothing <> 1 | NULL", "NULL = NULL | NULL", "nothing < n | NULL",
        "nothing = 1 AND FALSE | false", "FALSE AND nothing = 1 | false", "nothing = 1 AND TRUE | NULL",
        "nothing = 1 OR TRUE | true", "TRUE OR nothing = 1 | true", "nothing = 1 OR FALSE | NULL",
        "NOT (nothing = 1) | NULL", "NOT flag | false", "NOT NOT flag | true",
        "nothing IS NULL | true", "nothing IS NOT NULL | false", "n IS NULL | false", "address IS NOT NULL | true",
        "nobool IS NULL | true", "nobool AND FALSE | false", "nobool OR TRUE | true",
        // IN
        "n IN (1, 7) | true", "n IN (1, 2) | false", "n NOT IN (1, 2) | true", "n NOT IN (7) | false",
        "n IN (1, NULL) | NULL", "n IN (7, NULL) | true", "n NOT IN (1, NULL) | NULL", "nothing IN (1, 2) | NULL",
        "n IN (n - 1, n + 0) | true", "n IN (7.0) | true", "address.city IN ('Lyon', 'Paris') | true",
        "name NOT IN ('x', 'y') | true", "name NOT IN ('x', NULL) | NULL", "nostr IN ('a') | NULL",
        "name IN ('x', ' Gare du Nord ') | true", "name NOT IN (' Gare du Nord ') | false",
        // BETWEEN
        "n BETWEEN 1 AND 7 | true", "n BETWEEN 8 AND 9 | false", "n NOT BETWEEN 8 AND 9 | true",
        "n BETWEEN 7 AND 7 | true", "n BETWEEN nothing AND 5 | false", "n BETWEEN nothing AND 9 | NULL",
        "x BETWEEN 2 AND 3 | true", "'b' BETWEEN 'a' AND 'c' | true",
        // LIKE
        "name LIKE '%Nord%' | true", "name LIKE 'Gare%' | false", "name LIKE ' Gare%' | true",
        "name LIKE '_Gare du Nord_' | true", "name LIKE '_Gare' | false", "name NOT LIKE '%Sud%' | true",
        "'a.c' LIKE 'a_c' | true", "'abc' LIKE 'a.c' | false", "'a(b' LIKE 'a(%' | true", "nostr LIKE '%' | NULL",
        "name LIKE CONCAT('%', 'Nord', '%') | true",
        // nested and quoted names
        "address.zip = 75010 | true", "`address`.`city` = 'Paris' | true", "`odd name` = 'it''s odd' | true",
        // keywords in any case
        "n in (7) and not flag = false | true", "Case When n > 5 Then 'big' Else 'small' End = 'big' | true",
    })
    void conditions(String expression, Boolean expected) {
        assertEquals(expected, eval(expression));
    }

    @Test
    void arithmeticStaysLongUntilADecimalJoins() {
        assertEquals(14L, eval("n * 2"));
        assertEquals(3L, eval("n / 2"));
        assertEquals(-3L, eval("-n / 2"));
        assertEquals(1L, eval("n % 2"));
        assertEquals(3.5, eval("n / 2.0"));
        assertEquals(9.5, eval("n + x"));
        assertEquals(10_000_000_007L, eval("big + n"));
        assertEquals(4.5, eval("n - x * 1"));
        assertEquals(17L, eval("(n + 1) * 2 + 1"));
        assertEquals(15L, eval("n + 1 * 2 * 4"));
        assertEquals(-7L, eval("-n"));
        assertEquals(7L, eval("+n"));
    }

    @Test
    void divisionByZeroIsNull() {
        assertNull(eval("n / 0"));
        assertNull(eval("n % 0"));
        assertNull(eval("x / 0"));
        assertNull(eval("x / 0.0"));
        assertNull(eval("n + nothing"));
    }

    @Test
    void caseAndCast() {
        assertEquals("big", eval("CASE WHEN n > 5 THEN 'big' WHEN n > 2 THEN 'mid' ELSE 'small' END"));
        assertNull(eval("CASE WHEN n > 50 THEN 'big' END"));
        assertEquals("x", eval("CASE WHEN nothing = 1 THEN 'null is not true' ELSE 'x' END"));
        assertEquals(2.0, eval("CASE WHEN flag THEN 2 ELSE 2.5 END"), "mixed branches widen to DOUBLE");
        assertEquals(42L, eval("CAST('42' AS INT)"));
        assertEquals(42L, eval("CAST(' 42 ' AS BIGINT)"));
        assertEquals(2L, eval("CAST(x AS BIGINT)"));
        assertEquals(7.0, eval("CAST(n AS DOUBLE)"));
        assertEquals("7", eval("CAST(n AS STRING)"));
        assertEquals("2.5", eval("CAST(x AS VARCHAR)"));
        assertEquals(Boolean.TRUE, eval("CAST('TRUE' AS BOOLEAN)"));
        assertEquals(1_734_258_950_000L, eval("CAST(at AS BIGINT)"));
        assertEquals("2024-12-15T10:35:50Z", eval("CAST(at AS STRING)"));
        assertEquals(Boolean.TRUE, eval("at > CAST('2024-12-15T00:00:00Z' AS TIMESTAMP)"));
        assertEquals(Boolean.TRUE, eval("at = CAST(1734258950000 AS TIMESTAMP)"));
        assertNull(eval("CAST(nothing AS STRING)"));
        DataException bad = assertThrows(DataException.class, () -> eval("CAST(name AS INT)"));
        assertTrue(bad.getMessage().contains("cannot CAST STRING ' Gare du Nord '"), bad.getMessage());
        assertTrue(bad.getMessage().contains("(field name)"), bad.getMessage());
    }

    @Test
    void stringFunctions() {
        assertEquals(" gare du nord ", eval("LCASE(name)"));
        assertEquals(" gare du nord ", eval("lower(name)"));
        assertEquals(" GARE DU NORD ", eval("UCASE(name)"));
        assertEquals(" GARE DU NORD ", eval("Upper(name)"));
        assertEquals("Gare du Nord", eval("TRIM(name)"));
        assertEquals(14L, eval("LEN(name)"));
        assertEquals("Gare", eval("SUBSTRING(name, 2, 4)"));
        assertEquals("Nord ", eval("SUBSTRING(name, -5)"));
        assertEquals("", eval("SUBSTRING(name, 40)"));
        assertEquals(" G", eval("SUBSTRING(name, 0, 2)"));
        assertEquals("Paris-75010", eval("CONCAT(address.city, '-', CAST(address.zip AS STRING))"));
        assertEquals("ab", eval("CONCAT('a', nostr, 'b')"), "CONCAT skips NULL as ksqlDB does");
        assertNull(eval("LCASE(nostr)"));
        assertNull(eval("SUBSTRING(name, nothing)"));
    }

    @Test
    void nullAndNumberFunctions() {
        assertEquals(7L, eval("COALESCE(nothing, n, 3)"));
        assertNull(eval("COALESCE(nothing, NULL)"));
        assertEquals(7.0, Compiler.compile(Expression.parse("COALESCE(nothing, n, 3.5)"), SCHEMA).evaluator()
                .evaluate(struct()), "with a schema, mixed arguments widen to DOUBLE");
        assertEquals(7L, Compiler.compile(Expression.parse("COALESCE(nothing, n, 3.5)"), null).evaluator()
                .evaluate(map()), "without one, the type is the value's own");
        assertEquals("none", eval("IFNULL(nostr, 'none')"));
        assertEquals(" Gare du Nord ", eval("IFNULL(name, 'none')"));
        assertEquals(7L, eval("ABS(-n)"));
        assertEquals(2.5, eval("ABS(-x)"));
        assertEquals(3L, eval("ROUND(x)"), "half away from zero");
        assertEquals(-3L, eval("ROUND(-x)"));
        assertEquals(7L, eval("ROUND(n)"));
        assertEquals(2.6, eval("ROUND(2.55, 1)"));
        assertEquals(1200L, eval("ROUND(1249, -2)"));
        assertEquals(2.0, eval("FLOOR(x)"));
        assertEquals(-3.0, eval("FLOOR(-x)"));
        assertEquals(3.0, eval("CEIL(x)"));
        assertEquals(7L, eval("CEIL(n)"));
        assertNull(eval("ABS(nothing)"));
    }

    @Test
    void typeErrorsTheSchemaProvesAreFoundAtCompileTime() {
        TypeException e = assertThrows(TypeException.class,
                () -> Compiler.compile(Expression.parse("name > 3"), SCHEMA));
        assertEquals("cannot compare field name (STRING) with BIGINT 3 at 1:6\nname > 3\n     ^", e.getMessage());
        assertThrows(TypeException.class, () -> Compiler.compile(Expression.parse("nope = 1"), SCHEMA));
        TypeException unknown = assertThrows(TypeException.class,
                () -> Compiler.compile(Expression.parse("address.street = 'x'"), SCHEMA));
        assertTrue(unknown.getMessage().startsWith("unknown field address.street (fields: city, zip) at 1:1"),
                unknown.getMessage());
        assertThrows(TypeException.class, () -> Compiler.compile(Expression.parse("n.x = 1"), SCHEMA));
        assertThrows(TypeException.class, () -> Compiler.compile(Expression.parse("name + 1"), SCHEMA));
        assertThrows(TypeException.class, () -> Compiler.compile(Expression.parse("n LIKE 'a'"), SCHEMA));
        assertThrows(TypeException.class, () -> Compiler.compile(Expression.parse("n AND flag"), SCHEMA));
        assertThrows(TypeException.class, () -> Compiler.compile(Expression.parse("address = 1"), SCHEMA));
        assertThrows(TypeException.class, () -> Compiler.compile(Expression.parse("LEN(n)"), SCHEMA));
        assertThrows(TypeException.class, () -> Compiler.compile(Expression.parse("LEN(name, 2)"), SCHEMA));
        assertThrows(TypeException.class, () -> Compiler.compile(Expression.parse("CAST(flag AS INT)"), SCHEMA));
        assertThrows(TypeException.class,
                () -> Compiler.compile(Expression.parse("CASE WHEN flag THEN 1 ELSE 'a' END"), SCHEMA));
        assertThrows(TypeException.class, () -> Compiler.compileCondition(Expression.parse("name"), SCHEMA));
        TypeException literal = assertThrows(TypeException.class,
                () -> Compiler.compile(Expression.parse("'a' > 3"), null));
        assertTrue(literal.getMessage().startsWith("cannot compare STRING 'a' with BIGINT 3 at 1:5"));
    }

    @Test
    void typeErrorsInSchemalessRecordsAreDataExceptionsNamingTheField() {
        Evaluator evaluator = Compiler.compile(Expression.parse("name > 3"), null).evaluator();
        DataException e = assertThrows(DataException.class, () -> evaluator.evaluate(map()));
        assertEquals("cannot compare STRING ' Gare du Nord ' with BIGINT 3 at 1:6 in `(name > 3)` (field name)",
                e.getMessage());
        Evaluator notAMap = Compiler.compile(Expression.parse("a.b = 1"), null).evaluator();
        DataException nested = assertThrows(DataException.class, () -> notAMap.evaluate(Map.of("a", "text")));
        assertTrue(nested.getMessage().contains("field a is STRING 'text', not a struct or map"),
                nested.getMessage());
        assertThrows(DataException.class,
                () -> Compiler.compile(Expression.parse("n AND TRUE"), null).evaluator().evaluate(map()));
        assertThrows(DataException.class,
                () -> Compiler.compile(Expression.parse("LEN(n)"), null).evaluator().evaluate(map()));
        assertThrows(DataException.class,
                () -> Compiler.compile(Expression.parse("-name"), null).evaluator().evaluate(map()));
    }

    @Test
    void recordsWithoutTheFieldReadNull() {
        Evaluator evaluator = Compiler.compile(Expression.parse("missing IS NULL AND a.b IS NULL"), null)
                .evaluator();
        assertEquals(Boolean.TRUE, evaluator.evaluate(map()));
        assertEquals(Boolean.TRUE, evaluator.evaluate(null), "a tombstone reads every field as NULL");
    }

    @Test
    void nullabilityFollowsTheSchema() {
        assertEquals(false, Compiler.compile(Expression.parse("n + 1"), SCHEMA).nullable());
        assertEquals(true, Compiler.compile(Expression.parse("n / 2"), SCHEMA).nullable());
        assertEquals(true, Compiler.compile(Expression.parse("nothing + 1"), SCHEMA).nullable());
        assertEquals(true, Compiler.compile(Expression.parse("address.zip"), SCHEMA).nullable(),
                "a required field inside an optional struct");
        assertEquals(false, Compiler.compile(Expression.parse("COALESCE(nothing, 0)"), SCHEMA).nullable());
        assertEquals(false, Compiler.compile(Expression.parse("nothing IS NULL"), SCHEMA).nullable());
        assertEquals(Type.DOUBLE, Compiler.compile(Expression.parse("n * x"), SCHEMA).type());
        assertEquals(Type.BIGINT, Compiler.compile(Expression.parse("n * big"), SCHEMA).type());
    }
}

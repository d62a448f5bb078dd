package io.velibconnect.transforms.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.velibconnect.transforms.expression.Ast.Binary;
import io.velibconnect.transforms.expression.Ast.BinaryOp;
import io.velibconnect.transforms.expression.Ast.FieldRef;
import io.velibconnect.transforms.expression.Ast.Literal;

class ParserTest {

    private static Ast parse(String text) {
        return Expression.parse(text).root();
    }

    private static ParseException failure(String text) {
        return assertThrows(ParseException.class, () -> Expression.parse(text));
    }

    @Test
    void precedenceFollowsSql() {
        assertEquals(parse("(a OR (b AND c))"), parse("a OR b AND c"));
        assertEquals(parse("((NOT (a = 1)) AND b)"), parse("NOT a = 1 AND b"));
        assertEquals(parse("(x + (y * z)) > 3"), parse("x + y * z > 3"));
        assertEquals(parse("((x - y) - z)"), parse("x - y - z"));
        assertEquals(parse("(x % 2) = 0"), parse("x % 2 = 0"));
        assertEquals(new Binary(BinaryOp.NE, new FieldRef(List.of("a")), new Literal(1L)), parse("a != 1"));
        assertEquals(parse("a <> 1"), parse("a != 1"));
        assertEquals(new FieldRef(List.of("a", "b", "c")), parse("a.b.c"));
        assertEquals(new FieldRef(List.of("odd name", "and", "x`y")), parse("`odd name`.`and`.`x``y`"));
        assertEquals(new Literal("it's"), parse("'it''s'"));
        assertEquals(new Literal(1.5e3), parse("1.5E3"));
        assertEquals(parse("x BETWEEN (1 + 1) AND 3 AND y"), parse("x BETWEEN 1 + 1 AND 3 AND y"));
    }

    @Test
    void keywordsAreCaseInsensitiveAndFieldNamesAreNot() {
        assertEquals(parse("a IS NOT NULL AND b IN (1) OR c LIKE 'x%'"),
                parse("a is not null and b in (1) or c like 'x%'"));
        assertTrue(!parse("Station").equals(parse("station")));
        assertEquals(parse("LCASE(a)"), parse("lcase(a)"));
    }

    @Test
    void errorsNameLineAndColumnWithACaret() {
        ParseException e = failure("stationCode IN ('16107', '32017'");
        assertEquals("expected ')' at 1:33 (found end of input)\nstationCode IN ('16107', '32017'\n"
                + "                                ^", e.getMessage());
        assertEquals(1, e.line());
        assertEquals(33, e.column());

        ParseException second = failure("a = 1 AND\n  b = = 2");
        assertEquals("expected an expression at 2:7\n  b = = 2\n      ^", second.getMessage());

        assertEquals("unterminated string (missing closing ') at 1:5", failure("a = 'abc").getMessage().lines()
                .findFirst().orElseThrow());
        assertEquals("unexpected character '#' at 1:3", failure("a # 1").getMessage().lines().findFirst()
                .orElseThrow());
        assertTrue(failure("a = 99999999999999999999").getMessage().startsWith("integer out of range (64-bit) at 1:5"));
        assertTrue(failure("FOO(a)").getMessage().startsWith("unknown function FOO (known: ABS, CEIL"));
        assertTrue(failure("CAST(a AS DATE)").getMessage().startsWith("expected a type"));
        assertTrue(failure("a NOT 1").getMessage().startsWith("expected IN, BETWEEN or LIKE after NOT at 1:7"));
        assertTrue(failure("SELECT a").getMessage().startsWith("unexpected 'a' after a complete expression at 1:8"),
                "SQL's SELECT is not part of the language: the bare word is a field");
        assertTrue(failure("and = 1").getMessage().startsWith("expected an expression at 1:1"));
        assertTrue(failure("").getMessage().startsWith("expected an expression at 1:1 (found end of input)"));
        assertTrue(failure("CASE ELSE 1 END").getMessage().startsWith("expected WHEN at 1:6"));
        assertTrue(failure("``").getMessage().startsWith("empty quoted name"));
        assertTrue(failure("a = 12abc").getMessage().startsWith("malformed number at 1:5"));
    }

    @Test
    void nestingIsCappedNotAStackOverflow() {
        String deepParens = "(".repeat(45_000) + "1" + ")".repeat(45_000);
        assertTrue(failure(deepParens).getMessage().startsWith("expression nested too deeply (limit 200 levels)"));
        assertTrue(failure("NOT ".repeat(20_000) + "a").getMessage().startsWith("expression nested too deeply"));
        assertTrue(failure("-".repeat(90_000) + "1").getMessage().startsWith("expression nested too deeply"));
        assertTrue(failure("1" + " + 1".repeat(20_000)).getMessage().startsWith("expression nested too deeply"),
                "a long flat chain builds a deep left-leaning tree");
        assertTrue(failure("LEN(".repeat(10_000) + "a" + ")".repeat(10_000)).getMessage()
                .startsWith("expression nested too deeply"));
        assertEquals(new Literal(1L), parse("(".repeat(150) + "1" + ")".repeat(150)));
        assertTrue(parse("1" + " + 1".repeat(150)) instanceof Binary);
    }

    @Test
    void selectListsNameTheirColumns() {
        SelectList list = SelectList.parse("stationCode, num_bikes_available AS bikes, mechanical + ebike AS total, "
                + "a.b.c, n * 2, *");
        assertEquals(6, list.items().size());
        assertEquals("stationCode", list.nameOf(0));
        assertEquals("bikes", list.nameOf(1));
        assertEquals("total", list.nameOf(2));
        assertEquals("c", list.nameOf(3));
        assertEquals("KSQL_COL_4", list.nameOf(4));
        assertTrue(list.items().get(5) instanceof SelectList.AllFields);
        assertTrue(assertThrows(ParseException.class, () -> SelectList.parse("a, b AS a")).getMessage()
                .startsWith("column a is selected twice"));
        assertTrue(assertThrows(ParseException.class, () -> SelectList.parse("a AS")).getMessage()
                .startsWith("expected a column name after AS at 1:5"));
    }
}

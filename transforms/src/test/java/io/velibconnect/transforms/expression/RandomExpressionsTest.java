package io.velibconnect.transforms.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import io.velibconnect.transforms.expression.Ast.BinaryOp;
import io.velibconnect.transforms.expression.Ast.UnaryOp;

/**
 * Generated tests: random trees print and parse back to an equal tree; random bytes and random token soups only
 * ever give a ParseException with a position (or, when they happen to parse, a TypeException or DataException).
 */
class RandomExpressionsTest {

    private static final List<String> NAMES = List.of("a", "stationCode", "num_bikes_available", "AND", "case",
            "odd name", "x`y", "1st", "été", "lower", "_", "Z9");
    private static final List<String> FUNCTIONS = List.of("LCASE", "LOWER", "UCASE", "UPPER", "LEN", "TRIM",
            "SUBSTRING", "CONCAT", "COALESCE", "IFNULL", "ABS", "ROUND", "FLOOR", "CEIL");
    private static final List<Type> CASTS = List.of(Type.BOOLEAN, Type.BIGINT, Type.DOUBLE, Type.STRING,
            Type.TIMESTAMP);

    @Test
    void randomTreesPrintAndParseBackToTheSameTree() {
        Random random = new Random(20241215);
        for (int i = 0; i < 20_000; i++) {
            Ast tree = tree(random, 6);
            String text = Printer.print(tree);
            Ast parsed;
            try {
                parsed = Expression.parse(text).root();
            } catch (ParseException e) {
                throw new AssertionError("printed tree does not parse: " + text + "\n" + e.getMessage(), e);
            }
            assertEquals(tree, parsed, text);
        }
    }

    @Test
    void randomBytesGiveOnlyAPositionedParseError() {
        Random random = new Random(42);
        int parsed = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            String text = new String(bytes, i % 2 == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            parsed += tryEverything(text) ? 1 : 0;
        }
        assertTrue(parsed < 100_000, "most random bytes are not expressions");
    }

    @Test
    void randomTokenSoupsGiveOnlyPositionedErrors() {
        List<String> vocabulary = List.of("a", "b.c", "`x y`", "'s'", "''''", "1", "2.5", "1e3", "NULL", "TRUE",
                "AND", "OR", "NOT", "IN", "BETWEEN", "LIKE", "IS", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST",
                "AS", "INT", "(", ")", ",", ".", "=", "<>", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%",
                "LEN", "CONCAT", "COALESCE", "ROUND", "SUBSTRING", "\n", "'", "`", "!");
        Random random = new Random(7);
        int parsed = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int t = 0; t < length; t++) {
                text.append(vocabulary.get(random.nextInt(vocabulary.size()))).append(random.nextBoolean() ? " " : "");
            }
            parsed += tryEverything(text.toString()) ? 1 : 0;
        }
        assertTrue(parsed > 100, "some soups parse, and were compiled and evaluated: " + parsed);
    }

    /** True if {@code text} parsed; it was then compiled and evaluated without schema. */
    private static boolean tryEverything(String text) {
        Expression expression;
        try {
            expression = Expression.parse(text);
        } catch (ParseException e) {
            assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
            assertTrue(e.getMessage().contains(" at " + e.line() + ":" + e.column()), e.getMessage());
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            fail("parsing " + text + " threw " + e);
            return false;
        }
        try {
            Evaluator evaluator = Compiler.compile(expression, null).evaluator();
            evaluator.evaluate(Map.of("a", 1L, "b", Map.of("c", "text"), "x y", 2.5));
            evaluator.evaluate(null);
        } catch (TypeException | DataException expected) {
            // a positioned type error, or a per-record error naming the expression
        } catch (RuntimeException | StackOverflowError e) {
            fail("evaluating " + text + " threw " + e);
        }
        return true;
    }

    private static Ast tree(Random random, int depth) {
        int kind = depth <= 0 ? random.nextInt(2) : random.nextInt(12);
        switch (kind) {
            case 0:
                return new Ast.Literal(literal(random));
            case 1: {
                List<String> path = new ArrayList<>();
                int length = 1 + random.nextInt(3);
                for (int i = 0; i < length; i++) {
                    path.add(NAMES.get(random.nextInt(NAMES.size())));
                }
                return new Ast.FieldRef(path);
            }
            case 2:
                return new Ast.Unary(UnaryOp.values()[random.nextInt(2)], tree(random, depth - 1));
            case 3:
            case 4:
                return new Ast.Binary(BinaryOp.values()[random.nextInt(BinaryOp.values().length)],
                        tree(random, depth - 1), tree(random, depth - 1));
            case 5:
                return new Ast.In(tree(random, depth - 1), trees(random, depth - 1, 1 + random.nextInt(3)),
                        random.nextBoolean());
            case 6:
                return new Ast.Between(tree(random, depth - 1), tree(random, depth - 1), tree(random, depth - 1),
                        random.nextBoolean());
            case 7:
                return new Ast.Like(tree(random, depth - 1), tree(random, depth - 1), random.nextBoolean());
            case 8:
                return new Ast.IsNull(tree(random, depth - 1), random.nextBoolean());
            case 9: {
                List<Ast.When> whens = new ArrayList<>();
                int count = 1 + random.nextInt(2);
                for (int i = 0; i < count; i++) {
                    whens.add(new Ast.When(tree(random, depth - 1), tree(random, depth - 1)));
                }
                return new Ast.Case(whens, random.nextBoolean() ? tree(random, depth - 1) : null);
            }
            case 10:
                return new Ast.Cast(tree(random, depth - 1), CASTS.get(random.nextInt(CASTS.size())));
            default:
                return new Ast.Call(FUNCTIONS.get(random.nextInt(FUNCTIONS.size())),
                        trees(random, depth - 1, random.nextInt(4)));
        }
    }

    private static List<Ast> trees(Random random, int depth, int count) {
        List<Ast> trees = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            trees.add(tree(random, depth));
        }
        return trees;
    }

    private static Object literal(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt(3) == 0 ? Long.MAX_VALUE : (long) random.nextInt(100_000);
            case 3 -> random.nextInt(3) == 0 ? random.nextDouble() * 1e-12 : random.nextDouble() * 1e9;
            case 4 -> List.of("", "it's", "''", "a\nb", "%_", "é€😀", "`", "16107").get(random.nextInt(8));
            default -> "s" + random.nextInt(1000);
        };
    }
}

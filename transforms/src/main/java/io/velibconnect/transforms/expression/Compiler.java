package io.velibconnect.transforms.expression;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

import io.velibconnect.transforms.expression.Ast.BinaryOp;
import io.velibconnect.transforms.expression.TypeChecker.Typed;
import io.velibconnect.transforms.expression.TypeChecker.Typing;

/**
 * Turns a checked expression into a tree of small closures for one input schema. Everything the schema settles
 * is settled here: field paths become {@link org.apache.kafka.connect.data.Field} reads, LIKE patterns with a
 * literal pattern become one {@link LikePattern}, IN lists of literals one {@link InList}. SQL three-valued logic:
 * a comparison, arithmetic or function with a NULL operand is NULL; {@code NULL AND FALSE} is FALSE,
 * {@code NULL OR TRUE} is TRUE; {@code x IN (.., NULL)} is NULL when nothing matched. CAST of a string that does
 * not parse, or a value of the wrong type in a record without schema, is a {@link DataException} that names the
 * expression and its fields, so Connect's {@code errors.tolerance} and dead-letter queue can take the record.
 */
public final class Compiler {

    /** A compiled expression with its result type and whether it can be NULL. */
    public record Compiled(Evaluator evaluator, Type type, boolean nullable) {
    }

    private final Expression expression;
    private final Typing typing;
    private final boolean schemaless;

    private Compiler(Expression expression, Typing typing, boolean schemaless) {
        this.expression = expression;
        this.typing = typing;
        this.schemaless = schemaless;
    }

    /**
     * Checks and compiles {@code expression} for records of {@code schema} (null: records without a schema).
     *
     * @throws TypeException if the schema (or the literals alone) prove it cannot be evaluated
     */
    public static Compiled compile(Expression expression, Schema schema) {
        Typing typing = TypeChecker.check(expression, schema);
        Compiler compiler = new Compiler(expression, typing, schema == null);
        Typed root = typing.of(expression.root());
        return new Compiled(compiler.node(expression.root()), root.type(), root.nullable());
    }

    /**
     * Compiles a condition (WHERE, a predicate): like {@link #compile} but the result must be BOOLEAN, as ksqlDB
     * requires ({@code WHERE stationCode} alone is an error).
     */
    public static Evaluator compileCondition(Expression expression, Schema schema) {
        Compiled compiled = compile(expression, schema);
        Type type = compiled.type();
        if (type != Type.BOOLEAN && type != Type.ANY && type != Type.NULL) {
            throw new TypeException("a condition must be BOOLEAN, this expression is " + type, expression.source(),
                    expression.offsetOf(expression.root()));
        }
        return compiled.evaluator();
    }

    /**
     * A field reference read verbatim (no normalisation), with its schema; for Select's copies of fields.
     * Returns null when {@code expression} is not a bare field reference or {@code schema} is null.
     */
    static FieldPath verbatimField(Expression expression, Schema schema) {
        if (schema == null || !(expression.root() instanceof Ast.FieldRef ref)) {
            return null;
        }
        return TypeChecker.check(expression, schema).fields().get(ref);
    }

    private Evaluator node(Ast node) {
        if (node instanceof Ast.Literal l) {
            Object value = l.value();
            return root -> value;
        } else if (node instanceof Ast.FieldRef f) {
            FieldPath path = typing.fields().get(f);
            return path != null ? path.normalized() : guard(node, FieldPath.schemaless(f.path()));
        } else if (node instanceof Ast.Unary u) {
            return unary(u);
        } else if (node instanceof Ast.Binary b) {
            return binary(b);
        } else if (node instanceof Ast.In in) {
            return in(in);
        } else if (node instanceof Ast.Between b) {
            return between(b);
        } else if (node instanceof Ast.Like l) {
            return like(l);
        } else if (node instanceof Ast.IsNull n) {
            Evaluator operand = node(n.operand());
            return n.negated() ? root -> operand.evaluate(root) != null : root -> operand.evaluate(root) == null;
        } else if (node instanceof Ast.Case c) {
            return caseWhen(c);
        } else if (node instanceof Ast.Cast c) {
            return cast(c);
        } else if (node instanceof Ast.Call c) {
            return call(c);
        }
        throw new IllegalArgumentException("unknown node " + node);
    }

    private Evaluator unary(Ast.Unary u) {
        Evaluator operand = node(u.operand());
        if (u.op() == Ast.UnaryOp.NOT) {
            return guard(u, root -> not(Operators.asBoolean(operand.evaluate(root))));
        }
        return guard(u, root -> {
            Object value = operand.evaluate(root);
            return value == null ? null : Operators.negate(value);
        });
    }

    private Evaluator binary(Ast.Binary b) {
        Evaluator left = node(b.left());
        Evaluator right = node(b.right());
        BinaryOp op = b.op();
        if (op == BinaryOp.AND) {
            return guard(b, root -> and(left, right, root));
        }
        if (op == BinaryOp.OR) {
            return guard(b, root -> {
                Boolean l = Operators.asBoolean(left.evaluate(root));
                if (l == Boolean.TRUE) {
                    return Boolean.TRUE;
                }
                Boolean r = Operators.asBoolean(right.evaluate(root));
                if (r == Boolean.TRUE) {
                    return Boolean.TRUE;
                }
                return l == null || r == null ? null : Boolean.FALSE;
            });
        }
        if (op == BinaryOp.EQ || op == BinaryOp.NE) {
            boolean wanted = op == BinaryOp.EQ;
            return guard(b, root -> {
                Object l = left.evaluate(root);
                Object r = l == null ? null : right.evaluate(root);
                return r == null ? null : (Object) (Operators.equal(l, r) == wanted);
            });
        }
        if (op.isComparison()) {
            IntPredicate test = ordering(op);
            return guard(b, root -> compare(left.evaluate(root), right.evaluate(root), test));
        }
        return guard(b, root -> {
            Object l = left.evaluate(root);
            Object r = l == null ? null : right.evaluate(root);
            return r == null ? null : Operators.arithmetic(op, l, r);
        });
    }

    private static Object and(Evaluator left, Evaluator right, Object root) {
        Boolean l = Operators.asBoolean(left.evaluate(root));
        if (l == Boolean.FALSE) {
            return Boolean.FALSE;
        }
        Boolean r = Operators.asBoolean(right.evaluate(root));
        if (r == Boolean.FALSE) {
            return Boolean.FALSE;
        }
        return l == null || r == null ? null : Boolean.TRUE;
    }

    private static Boolean not(Boolean value) {
        return value == null ? null : !value;
    }

    private static Object compare(Object l, Object r, IntPredicate test) {
        return l == null || r == null ? null : (Object) test.test(Operators.compare(l, r));
    }

    private static IntPredicate ordering(BinaryOp op) {
        return switch (op) {
            case LT -> c -> c < 0;
            case LE -> c -> c <= 0;
            case GT -> c -> c > 0;
            case GE -> c -> c >= 0;
            default -> throw new IllegalArgumentException(op.name());
        };
    }

    private Evaluator in(Ast.In in) {
        Evaluator operand = node(in.operand());
        boolean negated = in.negated();
        if (in.items().stream().allMatch(item -> item instanceof Ast.Literal)) {
            boolean listHasNull = in.items().stream().anyMatch(item -> ((Ast.Literal) item).value() == null);
            InList constants = InList.of(in.items().stream().map(item -> ((Ast.Literal) item).value())
                    .filter(value -> value != null).toList());
            Object miss = listHasNull ? null : (Object) negated;
            return guard(in, root -> {
                Object value = operand.evaluate(root);
                if (value == null) {
                    return null;
                }
                return constants.contains(value) ? (Object) !negated : miss;
            });
        }
        Evaluator[] items = in.items().stream().map(this::node).toArray(Evaluator[]::new);
        return guard(in, root -> {
            Object value = operand.evaluate(root);
            if (value == null) {
                return null;
            }
            boolean sawNull = false;
            for (Evaluator item : items) {
                Object candidate = item.evaluate(root);
                if (candidate == null) {
                    sawNull = true;
                } else if (Operators.equal(value, candidate)) {
                    return !negated;
                }
            }
            return sawNull ? null : (Object) negated;
        });
    }

    private Evaluator between(Ast.Between b) {
        Evaluator operand = node(b.operand());
        Evaluator low = node(b.low());
        Evaluator high = node(b.high());
        IntPredicate atLeast = c -> c >= 0;
        IntPredicate atMost = c -> c <= 0;
        boolean negated = b.negated();
        return guard(b, root -> {
            Object value = operand.evaluate(root);
            Object aboveLow = compare(value, low.evaluate(root), atLeast);
            Object belowHigh = aboveLow == Boolean.FALSE ? Boolean.FALSE : compare(value, high.evaluate(root), atMost);
            Object inside = aboveLow == Boolean.FALSE || belowHigh == Boolean.FALSE ? Boolean.FALSE
                    : aboveLow == null || belowHigh == null ? null : Boolean.TRUE;
            return negated ? not((Boolean) inside) : inside;
        });
    }

    private Evaluator like(Ast.Like l) {
        Evaluator operand = node(l.operand());
        boolean negated = l.negated();
        if (l.pattern() instanceof Ast.Literal literal && literal.value() instanceof String text) {
            LikePattern pattern = LikePattern.compile(text);
            return guard(l, root -> {
                String value = Operators.asString(operand.evaluate(root));
                return value == null ? null : (Object) (pattern.matches(value) != negated);
            });
        }
        Evaluator patternText = node(l.pattern());
        return guard(l, root -> {
            String value = Operators.asString(operand.evaluate(root));
            String text = value == null ? null : Operators.asString(patternText.evaluate(root));
            return text == null ? null : (Object) (LikePattern.compile(text).matches(value) != negated);
        });
    }

    private Evaluator caseWhen(Ast.Case c) {
        int count = c.whens().size();
        Evaluator[] conditions = new Evaluator[count];
        Evaluator[] results = new Evaluator[count];
        for (int i = 0; i < count; i++) {
            conditions[i] = node(c.whens().get(i).condition());
            results[i] = node(c.whens().get(i).result());
        }
        Evaluator otherwise = c.otherwise() == null ? root -> null : node(c.otherwise());
        return widen(c, guard(c, root -> {
            for (int i = 0; i < count; i++) {
                if (Operators.asBoolean(conditions[i].evaluate(root)) == Boolean.TRUE) {
                    return results[i].evaluate(root);
                }
            }
            return otherwise.evaluate(root);
        }));
    }

    private Evaluator cast(Ast.Cast c) {
        Evaluator operand = node(c.operand());
        Type target = c.target();
        return guard(c, root -> {
            Object value = operand.evaluate(root);
            return value == null ? null : convert(value, target);
        });
    }

    private static Object convert(Object value, Type target) {
        try {
            switch (target) {
                case STRING:
                    return value instanceof Date d ? d.toInstant().toString() : value.toString();
                case BIGINT:
                    if (value instanceof Long) {
                        return value;
                    } else if (value instanceof Double d) {
                        return toLong(d);
                    } else if (value instanceof Date d) {
                        return d.getTime();
                    } else if (value instanceof String s) {
                        return Long.parseLong(s.trim());
                    }
                    break;
                case DOUBLE:
                    if (value instanceof Long || value instanceof Double) {
                        return ((Number) value).doubleValue();
                    } else if (value instanceof String s) {
                        return Double.parseDouble(s.trim());
                    }
                    break;
                case BOOLEAN:
                    if (value instanceof Boolean) {
                        return value;
                    } else if (value instanceof String s && (s.trim().equalsIgnoreCase("true")
                            || s.trim().equalsIgnoreCase("false"))) {
                        return Boolean.valueOf(s.trim().toLowerCase(Locale.ROOT));
                    }
                    break;
                case TIMESTAMP:
                    if (value instanceof Date) {
                        return value;
                    } else if (value instanceof Long l) {
                        return new Date(l);
                    } else if (value instanceof String s) {
                        // Date.from refuses instants past its millisecond range (year 292278994)
                        return Date.from(Instant.parse(s.trim()));
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // falls through to the mismatch below, which names the value
        } catch (IllegalArgumentException e) {
            throw new Operators.Mismatch("cannot CAST " + Operators.describe(value) + " AS " + target
                    + ": out of the TIMESTAMP range");
        }
        throw new Operators.Mismatch("cannot CAST " + Operators.describe(value) + " AS " + target);
    }

    /** Truncates towards zero, as Java's cast does; but NaN, infinities and values past 2^63 have no BIGINT. */
    private static long toLong(double value) {
        if (Double.isNaN(value) || value >= 0x1p63 || value < -0x1p63) {
            throw Operators.overflow("CAST(" + value + " AS BIGINT)");
        }
        return (long) value;
    }

    private Evaluator call(Ast.Call c) {
        Functions.Function function = Functions.get(c.name());
        Evaluator[] args = c.args().stream().map(this::node).toArray(Evaluator[]::new);
        Functions.Body body = function.body();
        boolean nullInNullOut = function.nulls() == Functions.Nulls.IN_OUT;
        Evaluator call = guard(c, root -> {
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = args[i].evaluate(root);
                if (values[i] == null && nullInNullOut) {
                    return null;
                }
            }
            return body.apply(values);
        });
        return nullInNullOut ? call : widen(c, call);
    }

    /** Where branches mix BIGINT and DOUBLE the result is DOUBLE: widen the BIGINT ones. */
    private Evaluator widen(Ast node, Evaluator evaluator) {
        if (typing.of(node).type() != Type.DOUBLE) {
            return evaluator;
        }
        return root -> {
            Object value = evaluator.evaluate(root);
            return value instanceof Long l ? (Object) l.doubleValue() : value;
        };
    }

    /** Turns a type mismatch found while evaluating into a DataException that says what, where and which fields. */
    private Evaluator guard(Ast node, Evaluator evaluator) {
        if (!schemaless && !canFailWithSchema(node)) {
            return evaluator;
        }
        return root -> {
            try {
                return evaluator.evaluate(root);
            } catch (Operators.Mismatch mismatch) {
                throw failure(node, mismatch.getMessage());
            }
        };
    }

    /**
     * With a schema the checker proved every operand's type: only CAST, functions and arithmetic (overflow) can
     * still fail on a value.
     */
    private static boolean canFailWithSchema(Ast node) {
        return node instanceof Ast.Cast || node instanceof Ast.Call
                || (node instanceof Ast.Binary b && b.op().isArithmetic())
                || (node instanceof Ast.Unary u && u.op() == Ast.UnaryOp.NEGATE);
    }

    private DataException failure(Ast node, String problem) {
        List<String> fields = new ArrayList<>(Expression.fieldsIn(node));
        ExpressionException located = new ExpressionException(problem, expression.source(),
                expression.offsetOf(node));
        // one line: a value from the record may hold line breaks
        String oneLine = problem.replace("\r", "\\r").replace("\n", "\\n") + " at " + located.line() + ":"
                + located.column();
        return new DataException(oneLine + " in `" + Printer.print(node) + "`"
                + (fields.isEmpty() ? "" : " (field" + (fields.size() == 1 ? " " : "s ") + String.join(", ", fields)
                + ")"));
    }
}

package io.velibconnect.transforms.expression;

import java.util.ArrayList;
import java.util.List;
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
public final class Compiler implements Ast.Visitor<Evaluator> {

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

    /** Compiles one node. The visitor methods are public as an interface's must be; only compile() makes a Compiler. */
    private Evaluator node(Ast node) {
        return node.accept(this);
    }

    @Override
    public Evaluator literal(Ast.Literal l) {
        Object value = l.value();
        return root -> value;
    }

    @Override
    public Evaluator field(Ast.FieldRef f) {
        FieldPath path = typing.fields().get(f);
        return path != null ? path.normalized() : guard(f, FieldPath.schemaless(f.path()));
    }

    @Override
    public Evaluator isNull(Ast.IsNull n) {
        Evaluator operand = node(n.operand());
        return n.negated() ? root -> operand.evaluate(root) != null : root -> operand.evaluate(root) == null;
    }

    @Override
    public Evaluator unary(Ast.Unary u) {
        Evaluator operand = node(u.operand());
        if (u.op() == Ast.UnaryOp.NOT) {
            return guard(u, root -> not(Operators.asBoolean(operand.evaluate(root))));
        }
        return guard(u, root -> {
            Object value = operand.evaluate(root);
            return value == null ? null : Operators.negate(value);
        });
    }

    @Override
    public Evaluator binary(Ast.Binary b) {
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

    @Override
    public Evaluator in(Ast.In in) {
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

    @Override
    public Evaluator between(Ast.Between b) {
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

    @Override
    public Evaluator like(Ast.Like l) {
        Evaluator operand = node(l.operand());
        Evaluator like = l.pattern() instanceof Ast.Literal literal && literal.value() instanceof String text
                ? LikeOperator.fixedPattern(operand, text, l.negated())
                : LikeOperator.patternPerRecord(operand, node(l.pattern()), l.negated());
        return guard(l, like);
    }

    @Override
    public Evaluator caseWhen(Ast.Case c) {
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

    @Override
    public Evaluator cast(Ast.Cast c) {
        Evaluator operand = node(c.operand());
        Type target = c.target();
        return guard(c, root -> CastRules.convert(operand.evaluate(root), target));
    }

    @Override
    public Evaluator call(Ast.Call c) {
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

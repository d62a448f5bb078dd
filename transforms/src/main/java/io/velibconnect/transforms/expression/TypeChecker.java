package io.velibconnect.transforms.expression;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;

/**
 * Gives every node of an expression its type and nullability against a record schema, and resolves its field
 * paths. Without a schema fields are {@link Type#ANY} (checked per record) and only what the literals prove is an
 * error here. Errors are {@link TypeException}s located at the offending operator.
 */
final class TypeChecker implements Ast.Visitor<TypeChecker.Typed> {

    /** A node's type and whether it can be NULL. */
    record Typed(Type type, boolean nullable) {
    }

    /** The result of checking: the type of every node and the resolved path of every field reference. */
    record Typing(Map<Ast, Typed> types, Map<Ast.FieldRef, FieldPath> fields) {
        Typed of(Ast node) {
            return types.get(node);
        }
    }

    private final Expression expression;
    private final Schema schema;
    private final Map<Ast, Typed> types = new IdentityHashMap<>();
    private final Map<Ast.FieldRef, FieldPath> fields = new IdentityHashMap<>();

    private TypeChecker(Expression expression, Schema schema) {
        this.expression = expression;
        this.schema = schema;
    }

    /** Checks {@code expression} against {@code schema} (null: a record without a schema). */
    static Typing check(Expression expression, Schema schema) {
        TypeChecker checker = new TypeChecker(expression, schema);
        checker.type(expression.root());
        return new Typing(checker.types, checker.fields);
    }

    /** The type two branches (CASE, COALESCE) share, or null: numbers widen to DOUBLE, NULL fits any. */
    static Type common(Type a, Type b) {
        if (a == Type.COMPLEX || b == Type.COMPLEX) {
            return null;
        }
        if (a == b || b == Type.NULL) {
            return a;
        }
        if (a == Type.NULL) {
            return b;
        }
        if (a == Type.ANY || b == Type.ANY) {
            return Type.ANY;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return Type.DOUBLE;
        }
        return null;
    }

    private Typed type(Ast node) {
        Typed typed = node.accept(this);
        types.put(node, typed);
        return typed;
    }

    @Override
    public Typed literal(Ast.Literal l) {
        Type type = Operators.typeOf(l.value());
        return new Typed(type, type == Type.NULL);
    }

    @Override
    public Typed unary(Ast.Unary u) {
        Typed operand = type(u.operand());
        if (u.op() == Ast.UnaryOp.NOT) {
            requireBoolean(u.operand(), operand, u, "NOT");
            return new Typed(Type.BOOLEAN, operand.nullable());
        }
        if (!(operand.type().isNumeric() || operand.type() == Type.ANY || operand.type() == Type.NULL)) {
            throw error(u, "cannot negate " + describe(u.operand(), operand));
        }
        return new Typed(operand.type() == Type.NULL ? Type.BIGINT : operand.type(), operand.nullable());
    }

    @Override
    public Typed in(Ast.In in) {
        Typed operand = type(in.operand());
        boolean nullable = operand.nullable();
        for (Ast item : in.items()) {
            Typed itemType = type(item);
            requireComparable(in, in.operand(), operand, item, itemType);
            nullable |= itemType.nullable();
        }
        return new Typed(Type.BOOLEAN, nullable);
    }

    @Override
    public Typed between(Ast.Between b) {
        Typed operand = type(b.operand());
        Typed low = type(b.low());
        Typed high = type(b.high());
        requireComparable(b, b.operand(), operand, b.low(), low);
        requireComparable(b, b.operand(), operand, b.high(), high);
        return new Typed(Type.BOOLEAN, operand.nullable() || low.nullable() || high.nullable());
    }

    @Override
    public Typed like(Ast.Like l) {
        Typed operand = type(l.operand());
        Typed pattern = type(l.pattern());
        requireString(l.operand(), operand, l, "LIKE");
        requireString(l.pattern(), pattern, l, "LIKE");
        return new Typed(Type.BOOLEAN, operand.nullable() || pattern.nullable());
    }

    @Override
    public Typed isNull(Ast.IsNull n) {
        type(n.operand());
        return new Typed(Type.BOOLEAN, false);
    }

    @Override
    public Typed cast(Ast.Cast c) {
        Typed operand = type(c.operand());
        if (!CastRules.allowed(operand.type(), c.target())) {
            throw error(c, "cannot CAST " + describe(c.operand(), operand) + " AS " + c.target());
        }
        return new Typed(c.target(), operand.nullable());
    }

    @Override
    public Typed field(Ast.FieldRef f) {
        if (schema == null) {
            return new Typed(Type.ANY, true);
        }
        Object resolved = FieldPath.resolve(schema, f.path());
        if (resolved instanceof String problem) {
            throw error(f, problem);
        }
        FieldPath path = (FieldPath) resolved;
        fields.put(f, path);
        return new Typed(path.type(), path.nullable());
    }

    @Override
    public Typed binary(Ast.Binary b) {
        Typed left = type(b.left());
        Typed right = type(b.right());
        boolean nullable = left.nullable() || right.nullable();
        if (b.op() == Ast.BinaryOp.AND || b.op() == Ast.BinaryOp.OR) {
            requireBoolean(b.left(), left, b, b.op().symbol);
            requireBoolean(b.right(), right, b, b.op().symbol);
            return new Typed(Type.BOOLEAN, nullable);
        }
        if (b.op().isComparison()) {
            requireComparable(b, b.left(), left, b.right(), right);
            return new Typed(Type.BOOLEAN, nullable);
        }
        for (Ast side : List.of(b.left(), b.right())) {
            Typed t = side == b.left() ? left : right;
            if (!(t.type().isNumeric() || t.type() == Type.ANY || t.type() == Type.NULL)) {
                throw error(b, "cannot apply " + b.op().symbol + " to " + describe(side, t)
                        + " (arithmetic needs BIGINT or DOUBLE; use CONCAT for strings)");
            }
        }
        Type type = left.type() == Type.NULL ? right.type() : right.type() == Type.NULL ? left.type()
                : common(left.type(), right.type());
        if (type == Type.NULL) {
            type = Type.BIGINT;
        }
        boolean byZero = b.op() == Ast.BinaryOp.DIVIDE || b.op() == Ast.BinaryOp.MODULO;
        return new Typed(type, nullable || byZero);
    }

    @Override
    public Typed caseWhen(Ast.Case c) {
        Type type = Type.NULL;
        boolean nullable = c.otherwise() == null;
        List<Ast> results = new ArrayList<>();
        for (Ast.When when : c.whens()) {
            requireBoolean(when.condition(), type(when.condition()), c, "WHEN");
            results.add(when.result());
        }
        if (c.otherwise() != null) {
            results.add(c.otherwise());
        }
        for (Ast result : results) {
            Typed t = type(result);
            Type joined = common(type, t.type());
            if (joined == null) {
                throw error(c, "CASE results must share a type: " + type + " and " + describe(result, t));
            }
            type = joined;
            nullable |= t.nullable();
        }
        return new Typed(type, nullable);
    }

    @Override
    public Typed call(Ast.Call c) {
        Functions.Function function = Functions.get(c.name());
        int count = c.args().size();
        if (count < function.minArgs() || count > function.maxArgs()) {
            throw error(c, c.name() + " takes " + function.signature() + ", got " + count + " argument"
                    + (count == 1 ? "" : "s"));
        }
        List<Type> argTypes = new ArrayList<>();
        boolean anyNullable = false;
        boolean allNullable = true;
        for (Ast arg : c.args()) {
            Typed t = type(arg);
            argTypes.add(t.type());
            anyNullable |= t.nullable();
            allNullable &= t.nullable();
        }
        Type result = function.typeRule().resultType(argTypes);
        if (result == null) {
            throw error(c, c.name() + " takes " + function.signature() + ", got (" + String.join(", ",
                    argTypes.stream().map(Type::name).toList()) + ")");
        }
        boolean nullable = switch (function.nulls()) {
            case IN_OUT -> anyNullable;
            case ALL_NULL -> allNullable;
            case NEVER -> false;
        };
        return new Typed(result, nullable);
    }

    private void requireBoolean(Ast operand, Typed typed, Ast at, String what) {
        if (!typed.type().fits(Type.BOOLEAN)) {
            throw error(at, what + " needs a BOOLEAN, got " + describe(operand, typed));
        }
    }

    private void requireString(Ast operand, Typed typed, Ast at, String what) {
        if (!typed.type().fits(Type.STRING)) {
            throw error(at, what + " needs a STRING, got " + describe(operand, typed));
        }
    }

    private void requireComparable(Ast at, Ast left, Typed l, Ast right, Typed r) {
        Type a = l.type();
        Type b = r.type();
        boolean ok = a == Type.ANY || b == Type.ANY || a == Type.NULL || b == Type.NULL
                || (a.isNumeric() && b.isNumeric()) || (a == b && a != Type.COMPLEX);
        if (!ok) {
            throw error(at, "cannot compare " + describe(left, l) + " with " + describe(right, r));
        }
    }

    /** A node for a message: its type, and its name when it is a field. */
    private static String describe(Ast node, Typed typed) {
        if (node instanceof Ast.FieldRef f) {
            return "field " + f.dotted() + " (" + typed.type() + ")";
        }
        return typed.type() + " " + Printer.print(node);
    }

    private TypeException error(Ast at, String problem) {
        return new TypeException(problem, expression.source(), expression.offsetOf(at));
    }
}

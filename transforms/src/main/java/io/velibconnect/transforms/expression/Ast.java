package io.velibconnect.transforms.expression;

import java.util.List;
import java.util.Objects;

/**
 * The syntax tree of an expression: immutable records compared by value, so a tree printed and parsed back equals
 * the original. Positions are kept beside the tree (in {@link Expression}), not in it, for that reason.
 */
public sealed interface Ast {

    /** The direct sub-expressions of a node, in source order. */
    static List<Ast> childrenOf(Ast node) {
        return node.accept(Children.VISITOR);
    }

    <R> R accept(Visitor<R> visitor);

    /**
     * One method per kind of node, so that a new kind does not compile until every pass over the tree (checking,
     * compiling, printing, walking the children) handles it.
     */
    interface Visitor<R> {
        R literal(Literal node);

        R field(FieldRef node);

        R unary(Unary node);

        R binary(Binary node);

        R in(In node);

        R between(Between node);

        R like(Like node);

        R isNull(IsNull node);

        R caseWhen(Case node);

        R cast(Cast node);

        R call(Call node);
    }

    /** {@code NULL}, a {@code Boolean}, a {@code Long}, a {@code Double} or a {@code String}. */
    record Literal(Object value) implements Ast {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.literal(this);
        }
    }

    /** A field, nested with dots: {@code a.b.c} is the path [a, b, c]. Names are case-sensitive. */
    record FieldRef(List<String> path) implements Ast {
        public FieldRef {
            path = List.copyOf(path);
        }

        String dotted() {
            return String.join(".", path);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.field(this);
        }
    }

    record Unary(UnaryOp op, Ast operand) implements Ast {
        public Unary {
            Objects.requireNonNull(op);
            Objects.requireNonNull(operand);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.unary(this);
        }
    }

    record Binary(BinaryOp op, Ast left, Ast right) implements Ast {
        public Binary {
            Objects.requireNonNull(op);
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.binary(this);
        }
    }

    /** {@code operand [NOT] IN (items...)}. */
    record In(Ast operand, List<Ast> items, boolean negated) implements Ast {
        public In {
            items = List.copyOf(items);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.in(this);
        }
    }

    /** {@code operand [NOT] BETWEEN low AND high}, both ends included. */
    record Between(Ast operand, Ast low, Ast high, boolean negated) implements Ast {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.between(this);
        }
    }

    /** {@code operand [NOT] LIKE pattern}: {@code %} any run of characters, {@code _} one character. */
    record Like(Ast operand, Ast pattern, boolean negated) implements Ast {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.like(this);
        }
    }

    record IsNull(Ast operand, boolean negated) implements Ast {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.isNull(this);
        }
    }

    /** {@code CASE WHEN c THEN r ... [ELSE otherwise] END}; {@code otherwise} is null when there is no ELSE. */
    record Case(List<When> whens, Ast otherwise) implements Ast {
        public Case {
            whens = List.copyOf(whens);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.caseWhen(this);
        }
    }

    record When(Ast condition, Ast result) {
    }

    record Cast(Ast operand, Type target) implements Ast {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.cast(this);
        }
    }

    /** A function call; {@code name} is upper-cased as written (aliases such as LCASE are kept). */
    record Call(String name, List<Ast> args) implements Ast {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.call(this);
        }
    }

    enum UnaryOp {
        NOT("NOT "), NEGATE("-");

        final String symbol;

        UnaryOp(String symbol) {
            this.symbol = symbol;
        }
    }

    enum BinaryOp {
        OR("OR"), AND("AND"),
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="),
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MODULO("%");

        final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        boolean isComparison() {
            return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
        }

        boolean isArithmetic() {
            return ordinal() >= ADD.ordinal();
        }
    }
}

package io.velibconnect.transforms.expression;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints a syntax tree back as expression text that parses to an equal tree: every compound is parenthesised,
 * strings and odd names are quoted. Used in messages and by the round-trip test.
 */
public final class Printer {

    private Printer() {
    }

    public static String print(Ast node) {
        return node.accept(Text.VISITOR);
    }

    /** Each kind of node as text; children are printed by {@link #print}. */
    private static final class Text implements Ast.Visitor<String> {

        static final Text VISITOR = new Text();

        @Override
        public String literal(Ast.Literal l) {
            return Printer.literal(l.value());
        }

        @Override
        public String field(Ast.FieldRef f) {
            return f.path().stream().map(Printer::name).collect(Collectors.joining("."));
        }

        @Override
        public String unary(Ast.Unary u) {
            return "(" + u.op().symbol + print(u.operand()) + ")";
        }

        @Override
        public String binary(Ast.Binary b) {
            return "(" + print(b.left()) + " " + b.op().symbol + " " + print(b.right()) + ")";
        }

        @Override
        public String in(Ast.In in) {
            return "(" + print(in.operand()) + (in.negated() ? " NOT IN (" : " IN (")
                    + in.items().stream().map(Printer::print).collect(Collectors.joining(", ")) + "))";
        }

        @Override
        public String between(Ast.Between b) {
            return "(" + print(b.operand()) + (b.negated() ? " NOT BETWEEN " : " BETWEEN ") + print(b.low())
                    + " AND " + print(b.high()) + ")";
        }

        @Override
        public String like(Ast.Like l) {
            return "(" + print(l.operand()) + (l.negated() ? " NOT LIKE " : " LIKE ") + print(l.pattern()) + ")";
        }

        @Override
        public String isNull(Ast.IsNull n) {
            return "(" + print(n.operand()) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
        }

        @Override
        public String caseWhen(Ast.Case c) {
            StringBuilder text = new StringBuilder("CASE");
            for (Ast.When when : c.whens()) {
                text.append(" WHEN ").append(print(when.condition())).append(" THEN ").append(print(when.result()));
            }
            if (c.otherwise() != null) {
                text.append(" ELSE ").append(print(c.otherwise()));
            }
            return text.append(" END").toString();
        }

        @Override
        public String cast(Ast.Cast c) {
            return "CAST(" + print(c.operand()) + " AS " + c.target() + ")";
        }

        @Override
        public String call(Ast.Call c) {
            return c.name() + "(" + c.args().stream().map(Printer::print).collect(Collectors.joining(", ")) + ")";
        }
    }

    static String literal(Object value) {
        if (value == null) {
            return "NULL";
        } else if (value instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        } else if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        } else if (value instanceof Double d) {
            String plain = BigDecimal.valueOf(d).toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        return value.toString();
    }

    /** A field name as written: bare when it lexes as a plain, non-keyword identifier, else back-quoted. */
    public static String name(String name) {
        boolean plain = !name.isEmpty() && !Character.isDigit(name.charAt(0))
                && name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'))
                && !Parser.KEYWORDS.contains(name.toUpperCase(Locale.ROOT));
        return plain ? name : "`" + name.replace("`", "``") + "`";
    }
}

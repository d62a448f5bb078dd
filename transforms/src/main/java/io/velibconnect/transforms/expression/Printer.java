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
        if (node instanceof Ast.Literal l) {
            return literal(l.value());
        } else if (node instanceof Ast.FieldRef f) {
            return f.path().stream().map(Printer::name).collect(Collectors.joining("."));
        } else if (node instanceof Ast.Unary u) {
            return "(" + u.op().symbol + print(u.operand()) + ")";
        } else if (node instanceof Ast.Binary b) {
            return "(" + print(b.left()) + " " + b.op().symbol + " " + print(b.right()) + ")";
        } else if (node instanceof Ast.In in) {
            return "(" + print(in.operand()) + (in.negated() ? " NOT IN (" : " IN (")
                    + in.items().stream().map(Printer::print).collect(Collectors.joining(", ")) + "))";
        } else if (node instanceof Ast.Between b) {
            return "(" + print(b.operand()) + (b.negated() ? " NOT BETWEEN " : " BETWEEN ") + print(b.low())
                    + " AND " + print(b.high()) + ")";
        } else if (node instanceof Ast.Like l) {
            return "(" + print(l.operand()) + (l.negated() ? " NOT LIKE " : " LIKE ") + print(l.pattern()) + ")";
        } else if (node instanceof Ast.IsNull n) {
            return "(" + print(n.operand()) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
        } else if (node instanceof Ast.Case c) {
            StringBuilder text = new StringBuilder("CASE");
            for (Ast.When when : c.whens()) {
                text.append(" WHEN ").append(print(when.condition())).append(" THEN ").append(print(when.result()));
            }
            if (c.otherwise() != null) {
                text.append(" ELSE ").append(print(c.otherwise()));
            }
            return text.append(" END").toString();
        } else if (node instanceof Ast.Cast c) {
            return "CAST(" + print(c.operand()) + " AS " + c.target() + ")";
        } else if (node instanceof Ast.Call c) {
            return c.name() + "(" + c.args().stream().map(Printer::print).collect(Collectors.joining(", ")) + ")";
        }
        throw new IllegalArgumentException("unknown node " + node);
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

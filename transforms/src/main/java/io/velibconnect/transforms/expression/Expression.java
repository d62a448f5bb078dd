package io.velibconnect.transforms.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed expression: its text, its syntax tree, and where each node starts in the text (for messages).
 * Parsing is the only step that needs no record; {@link Compiler} turns it into an evaluator for one schema.
 */
public final class Expression {

    private final String source;
    private final Ast root;
    private final Map<Ast, Integer> offsets;

    Expression(String source, Ast root, Map<Ast, Integer> offsets) {
        this.source = source;
        this.root = root;
        this.offsets = offsets;
    }

    /** Parses {@code text}; a {@link ParseException} names the line and column of the first problem. */
    public static Expression parse(String text) {
        return Parser.parseExpression(text == null ? "" : text);
    }

    public String source() {
        return source;
    }

    public Ast root() {
        return root;
    }

    /** True if evaluating this reads any field of the record. */
    public boolean readsFields() {
        return !fieldsIn(root).isEmpty();
    }

    int offsetOf(Ast node) {
        return offsets.getOrDefault(node, 0);
    }

    /** The fields a node reads, dotted, for messages. */
    static List<String> fieldsIn(Ast node) {
        List<String> fields = new ArrayList<>();
        collectFields(node, fields);
        return fields;
    }

    private static void collectFields(Ast node, List<String> into) {
        if (node instanceof Ast.FieldRef f) {
            if (!into.contains(f.dotted())) {
                into.add(f.dotted());
            }
        } else if (node instanceof Ast.Unary u) {
            collectFields(u.operand(), into);
        } else if (node instanceof Ast.Binary b) {
            collectFields(b.left(), into);
            collectFields(b.right(), into);
        } else if (node instanceof Ast.In in) {
            collectFields(in.operand(), into);
            in.items().forEach(item -> collectFields(item, into));
        } else if (node instanceof Ast.Between b) {
            collectFields(b.operand(), into);
            collectFields(b.low(), into);
            collectFields(b.high(), into);
        } else if (node instanceof Ast.Like l) {
            collectFields(l.operand(), into);
            collectFields(l.pattern(), into);
        } else if (node instanceof Ast.IsNull n) {
            collectFields(n.operand(), into);
        } else if (node instanceof Ast.Case c) {
            for (Ast.When when : c.whens()) {
                collectFields(when.condition(), into);
                collectFields(when.result(), into);
            }
            if (c.otherwise() != null) {
                collectFields(c.otherwise(), into);
            }
        } else if (node instanceof Ast.Cast c) {
            collectFields(c.operand(), into);
        } else if (node instanceof Ast.Call c) {
            c.args().forEach(arg -> collectFields(arg, into));
        }
    }

    @Override
    public String toString() {
        return source;
    }
}

package io.velibconnect.transforms.expression;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@code select} list: {@code *} (every input field, in order) and expressions with optional
 * {@code AS name}. A field reference is named after its last path segment; any other expression without a name is
 * {@code KSQL_COL_<n>} as in ksqlDB, n being its position in the list from 0.
 */
public final class SelectList {

    public sealed interface Item {
    }

    /** {@code *}. */
    public record AllFields(int offset) implements Item {
    }

    /** An expression; {@code alias} is null when no AS was written. */
    public record Column(Expression expression, String alias, int offset) implements Item {
    }

    private final String source;
    private final List<Item> items;

    SelectList(String source, List<Item> items) {
        this.source = source;
        this.items = List.copyOf(items);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < this.items.size(); i++) {
            if (this.items.get(i) instanceof Column column && !seen.add(nameOf(i))) {
                throw new ParseException("column " + nameOf(i) + " is selected twice (give one AS another name)",
                        source, column.offset());
            }
        }
    }

    /** Parses {@code text}; a {@link ParseException} names the line and column of the first problem. */
    public static SelectList parse(String text) {
        return Parser.parseSelectList(text == null ? "" : text);
    }

    public List<Item> items() {
        return items;
    }

    public String source() {
        return source;
    }

    /** The output field name of the item at {@code index} (which must be a {@link Column}). */
    public String nameOf(int index) {
        Column column = (Column) items.get(index);
        if (column.alias() != null) {
            return column.alias();
        }
        if (column.expression().root() instanceof Ast.FieldRef ref) {
            return ref.path().get(ref.path().size() - 1);
        }
        return "KSQL_COL_" + index;
    }
}

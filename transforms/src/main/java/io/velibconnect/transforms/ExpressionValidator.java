package io.velibconnect.transforms;

import java.util.function.Consumer;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import io.velibconnect.transforms.expression.ExpressionException;
import io.velibconnect.transforms.expression.Projection;
import io.velibconnect.transforms.expression.SelectList;

/**
 * Parses an expression setting when the connector is created or validated (also through
 * {@code PUT /connector-plugins/{plugin}/config/validate}), so a mistake is reported with its line, column and a
 * caret before any record flows.
 */
final class ExpressionValidator implements ConfigDef.Validator {

    private final String what;
    private final Consumer<String> check;

    private ExpressionValidator(String what, Consumer<String> check) {
        this.what = what;
        this.check = check;
    }

    /** A boolean condition (Where, ExpressionPredicate). */
    static ExpressionValidator condition() {
        return new ExpressionValidator("a condition such as stationCode IN ('16107', '32017')",
                RecordCondition::validate);
    }

    /** A select list (Select). */
    static ExpressionValidator selectList() {
        return new ExpressionValidator("a select list such as stationCode, num_bikes_available AS bikes",
                text -> Projection.compile(SelectList.parse(text), null));
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(name, value, "must be " + what);
        }
        try {
            check.accept(value.toString());
        } catch (ExpressionException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return what;
    }
}

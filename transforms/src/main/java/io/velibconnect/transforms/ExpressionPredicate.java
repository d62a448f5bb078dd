package io.velibconnect.transforms;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

/**
 * A Connect {@link Predicate} (KIP-585) that is TRUE when a ksqlDB-style condition on the record value is TRUE,
 * so any transformation can be applied conditionally:
 * {@code transforms.x.predicate=big}, {@code predicates.big.type=io.velibconnect.transforms.ExpressionPredicate},
 * {@code predicates.big.expression=num_bikes_available > 20}.
 */
public class ExpressionPredicate<R extends ConnectRecord<R>> implements Predicate<R> {

    public static final String OVERVIEW_DOC = "TRUE for records whose value makes a ksqlDB-style condition TRUE "
            + "(FALSE and NULL are false). A tombstone is tested with every field NULL. Combine with a "
            + "transformation's <code>predicate</code> and <code>negate</code> settings.";

    public static final String EXPRESSION_CONFIG = "expression";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(EXPRESSION_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ExpressionValidator.condition(), ConfigDef.Importance.HIGH,
                    "The condition on the record value, in the language of " + Where.class.getName() + ".");

    private RecordCondition condition;

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        condition = RecordCondition.of(EXPRESSION_CONFIG, config.getString(EXPRESSION_CONFIG));
    }

    @Override
    public boolean test(R record) {
        return condition.test(record.value());
    }

    @Override
    public String version() {
        return PluginVersion.VALUE;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "ExpressionPredicate{" + condition + "}";
    }
}

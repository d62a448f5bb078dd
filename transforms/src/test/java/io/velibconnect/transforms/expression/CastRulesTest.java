package io.velibconnect.transforms.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The checker's CAST rule (types) and the conversion (values) are one rule: they must not drift apart. */
class CastRulesTest {

    /** Values of each scalar type, chosen so that every cast the checker allows converts at least one of them. */
    private static final Map<Type, List<Object>> SAMPLES = Map.of(
            Type.BOOLEAN, List.of(true, false),
            Type.BIGINT, List.of(0L, -5L, 1_734_258_950_000L, Long.MAX_VALUE),
            Type.DOUBLE, List.of(0.0, 2.5, -1e300, Double.NaN),
            Type.STRING, List.of("42", " true ", "2.5", "2024-12-15T10:35:50Z", "x", ""),
            Type.TIMESTAMP, List.of(new Date(0), new Date(1_734_258_950_000L)));

    private static final List<Type> TARGETS = List.of(Type.BOOLEAN, Type.BIGINT, Type.DOUBLE, Type.STRING,
            Type.TIMESTAMP);

    @Test
    void aCastIsAllowedExactlyWhenSomeValueConvertsAndTheResultHasTheTargetType() {
        SAMPLES.forEach((from, values) -> {
            for (Type target : TARGETS) {
                boolean anyConverted = false;
                for (Object value : values) {
                    try {
                        Object converted = CastRules.convert(value, target);
                        assertEquals(target, Operators.typeOf(converted), "CAST(" + value + " AS " + target + ")");
                        anyConverted = true;
                    } catch (Operators.Mismatch refused) {
                        // this value has no such target; whether the type has one is what is asserted
                    }
                }
                assertEquals(CastRules.allowed(from, target), anyConverted, "CAST(" + from + " AS " + target + ")");
            }
        });
    }
}

package io.velibconnect.transforms.expression;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The non-NULL constants of an {@code IN (...)} list, looked up with {@link Operators#equal}'s meaning: a BIGINT
 * equals a DOUBLE of the same value, a string only the same string. A short list is scanned; a longer one (a list
 * of station codes) is hashed, so a lookup costs the same for 10 items or 10,000. Either way, a value that cannot
 * be compared with some item (a string against a number, in a record without schema) is an error, wherever that
 * item sits in the list.
 */
final class InList {

    /** Up to this many items a scan beats hashing the value. */
    private static final int SCANNED = 8;

    private final List<Object> constants;
    /** One constant of each type, to test a value's type against once. */
    private final Map<Type, Object> oneOfEachType = new LinkedHashMap<>();
    private final Set<Object> hashed;
    /** The BIGINT constants as doubles: what a DOUBLE value is compared with. */
    private final Set<Double> integersAsDoubles;

    private InList(List<Object> constants) {
        this.constants = List.copyOf(constants);
        for (Object constant : constants) {
            oneOfEachType.putIfAbsent(Operators.typeOf(constant), constant);
        }
        if (constants.size() <= SCANNED) {
            hashed = null;
            integersAsDoubles = null;
        } else {
            hashed = new HashSet<>(constants);
            integersAsDoubles = new HashSet<>();
            for (Object constant : constants) {
                if (constant instanceof Long l) {
                    integersAsDoubles.add(l.doubleValue());
                }
            }
        }
    }

    /** {@code constants}: normalised values (see {@link Operators#normalize}), none NULL. */
    static InList of(List<Object> constants) {
        return new InList(constants);
    }

    /** True if {@code value} (not NULL) equals an item; {@link Operators.Mismatch} if it cannot be compared. */
    boolean contains(Object value) {
        Type type = Operators.typeOf(value);
        for (Map.Entry<Type, Object> sample : oneOfEachType.entrySet()) {
            if (!(sample.getKey() == type || (sample.getKey().isNumeric() && type.isNumeric()))) {
                Operators.compare(value, sample.getValue()); // throws the Mismatch that names both
            }
        }
        if (hashed == null) {
            for (Object constant : constants) {
                if (Operators.equal(value, constant)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Long l) {
            return hashed.contains(l) || hashed.contains(l.doubleValue());
        } else if (value instanceof Double d) {
            return hashed.contains(d) || integersAsDoubles.contains(d);
        }
        return hashed.contains(value);
    }
}

package io.velibconnect.transforms.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import java.util.Map;

import io.velibconnect.transforms.expression.Ast.BinaryOp;

/**
 * What the operators do to values, once NULL has been dealt with by the caller. Values are normalised first:
 * every integer is a {@code Long}, every other number a {@code Double}.
 * <ul>
 * <li>Integer arithmetic is 64-bit; a result outside it ({@code 9223372036854775807 + 1}, {@code -(-2^63)},
 * {@code -2^63 / -1}) is an error for the record, never a wrapped number of the opposite sign. An integer divided
 * by an integer is truncated towards zero.</li>
 * <li>A DOUBLE on either side makes the operation DOUBLE; a finite result too large for a double (which would be
 * Infinity) is an error for the record too.</li>
 * <li>Division or modulo by zero (integer or decimal) is NULL, as in ksqlDB, never an exception or Infinity.</li>
 * <li>Comparing BIGINT with DOUBLE compares their double values; strings compare by UTF-16 code unit
 * ({@link String#compareTo}), booleans FALSE &lt; TRUE, timestamps by instant.</li>
 * </ul>
 * A value of the wrong type (possible only in records without a schema) raises {@link Mismatch}, which the
 * compiled node turns into a {@code DataException} naming the expression and its fields.
 */
final class Operators {

    /** A value of the wrong type for an operator; cheap (no stack trace): the caller adds what and where. */
    static final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private Operators() {
    }

    /** Makes a record's value one the operators work on: Long for integers, Double for other numbers. */
    static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        } else if (value instanceof Float f) {
            return f.doubleValue();
        } else if (value instanceof BigDecimal d) {
            return d.doubleValue();
        } else if (value instanceof BigInteger i) {
            return i.bitLength() < 64 ? (Object) i.longValue() : (Object) i.doubleValue();
        }
        return value;
    }

    static int compare(Object left, Object right) {
        if (left instanceof Long a && right instanceof Long b) {
            return Long.compare(a, b);
        } else if (left instanceof String a && right instanceof String b) {
            return a.compareTo(b);
        } else if (left instanceof Number a && right instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        } else if (left instanceof Boolean a && right instanceof Boolean b) {
            return Boolean.compare(a, b);
        } else if (left instanceof Date a && right instanceof Date b) {
            return a.compareTo(b);
        }
        throw new Mismatch("cannot compare " + describe(left) + " with " + describe(right));
    }

    static boolean equal(Object left, Object right) {
        if (left instanceof String a && right instanceof String b) {
            return a.equals(b);
        }
        return compare(left, right) == 0;
    }

    /** Arithmetic on two non-null values; NULL for division or modulo by zero. */
    static Object arithmetic(BinaryOp op, Object left, Object right) {
        if (left instanceof Long a && right instanceof Long b) {
            long x = a;
            long y = b;
            try {
                return switch (op) {
                    case ADD -> Math.addExact(x, y);
                    case SUBTRACT -> Math.subtractExact(x, y);
                    case MULTIPLY -> Math.multiplyExact(x, y);
                    case DIVIDE -> y == 0 ? null : divide(x, y);
                    case MODULO -> y == 0 ? null : x % y;
                    default -> throw new IllegalArgumentException(op.name());
                };
            } catch (ArithmeticException e) {
                throw overflow(x + " " + op.symbol + " " + y);
            }
        }
        if (left instanceof Number a && right instanceof Number b) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            Double result = switch (op) {
                case ADD -> x + y;
                case SUBTRACT -> x - y;
                case MULTIPLY -> x * y;
                case DIVIDE -> y == 0 ? null : x / y;
                case MODULO -> y == 0 ? null : x % y;
                default -> throw new IllegalArgumentException(op.name());
            };
            if (result != null && result.isInfinite() && Double.isFinite(x) && Double.isFinite(y)) {
                throw new Mismatch(x + " " + op.symbol + " " + y + " is too large for a DOUBLE");
            }
            return result;
        }
        throw new Mismatch("cannot apply " + op.symbol + " to " + describe(left) + " and " + describe(right));
    }

    /** x / y, y not 0; the one quotient outside 64 bits, -2^63 / -1, throws like the other exact operations. */
    private static long divide(long x, long y) {
        if (x == Long.MIN_VALUE && y == -1) {
            throw new ArithmeticException("long overflow");
        }
        return x / y;
    }

    /** The error for an integer result outside 64 bits. */
    static Mismatch overflow(String what) {
        return new Mismatch(what + " is out of the BIGINT range (-2^63 to 2^63-1)");
    }

    static Object negate(Object value) {
        if (value instanceof Long l) {
            if (l == Long.MIN_VALUE) {
                throw overflow("-(" + l + ")");
            }
            return -l;
        } else if (value instanceof Double d) {
            return -d;
        }
        throw new Mismatch("cannot negate " + describe(value));
    }

    static Boolean asBoolean(Object value) {
        return as(value, Boolean.class, "BOOLEAN");
    }

    static String asString(Object value) {
        return as(value, String.class, "STRING");
    }

    static Long asLong(Object value) {
        return as(value, Long.class, "BIGINT");
    }

    private static <T> T as(Object value, Class<T> type, String name) {
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        throw new Mismatch("expected a " + name + ", got " + describe(value));
    }

    static Number asNumber(Object value) {
        if (value == null || value instanceof Long || value instanceof Double) {
            return (Number) value;
        }
        throw new Mismatch("expected a number, got " + describe(value));
    }

    /** The type of a normalised value. */
    static Type typeOf(Object value) {
        if (value == null) {
            return Type.NULL;
        } else if (value instanceof Boolean) {
            return Type.BOOLEAN;
        } else if (value instanceof Long) {
            return Type.BIGINT;
        } else if (value instanceof Double) {
            return Type.DOUBLE;
        } else if (value instanceof String) {
            return Type.STRING;
        } else if (value instanceof Date) {
            return Type.TIMESTAMP;
        }
        return Type.COMPLEX;
    }

    /** A value for a message: its type and a short rendering. */
    static String describe(Object value) {
        Type type = typeOf(value);
        if (type == Type.COMPLEX) {
            String kind = value instanceof Map ? "a map" : value instanceof List ? "an array"
                    : "a " + value.getClass().getSimpleName();
            return kind;
        }
        String text = type == Type.STRING ? Printer.literal(value) : String.valueOf(value);
        return type + " " + (text.length() > 40 ? text.substring(0, 37) + "..." : text);
    }
}

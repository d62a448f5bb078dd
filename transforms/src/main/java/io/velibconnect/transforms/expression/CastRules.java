package io.velibconnect.transforms.expression;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;

/**
 * What CAST accepts and what it does: the type names it takes, which casts the checker allows, and the conversion
 * of a value. {@link #allowed} and {@link #convert} state one rule twice, for types and for values: from a scalar
 * type, a cast is allowed exactly when {@code convert} takes some value of that type. A field of a record without
 * schema may cast to anything, since only its value tells.
 */
final class CastRules {

    private CastRules() {
    }

    /** The type name accepted by CAST, or null. INT and INTEGER are BIGINT, VARCHAR is STRING. */
    static Type target(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "BOOLEAN" -> Type.BOOLEAN;
            case "INT", "INTEGER", "BIGINT" -> Type.BIGINT;
            case "DOUBLE" -> Type.DOUBLE;
            case "STRING", "VARCHAR" -> Type.STRING;
            case "TIMESTAMP" -> Type.TIMESTAMP;
            default -> null;
        };
    }

    /** True if some value of type {@code from} converts to {@code to}. */
    static boolean allowed(Type from, Type to) {
        return switch (from) {
            case NULL, ANY, STRING -> true;
            case BOOLEAN -> to == Type.BOOLEAN || to == Type.STRING;
            case BIGINT -> to != Type.BOOLEAN;
            case DOUBLE -> to != Type.BOOLEAN && to != Type.TIMESTAMP;
            case TIMESTAMP -> to == Type.TIMESTAMP || to == Type.STRING || to == Type.BIGINT;
            case COMPLEX -> false;
        };
    }

    /**
     * {@code CAST(value AS target)}; NULL stays NULL. Strings are trimmed first; a TIMESTAMP is milliseconds since
     * the epoch as a BIGINT and ISO-8601 as a STRING.
     *
     * @throws Operators.Mismatch if this value has no {@code target} (a string that does not parse, a value out of
     *         range, a type the cast does not take)
     */
    static Object convert(Object value, Type target) {
        if (value == null) {
            return null;
        }
        try {
            switch (target) {
                case STRING:
                    return value instanceof Date d ? d.toInstant().toString() : value.toString();
                case BIGINT:
                    if (value instanceof Long) {
                        return value;
                    } else if (value instanceof Double d) {
                        return toLong(d);
                    } else if (value instanceof Date d) {
                        return d.getTime();
                    } else if (value instanceof String s) {
                        return Long.parseLong(s.trim());
                    }
                    break;
                case DOUBLE:
                    if (value instanceof Long || value instanceof Double) {
                        return ((Number) value).doubleValue();
                    } else if (value instanceof String s) {
                        return Double.parseDouble(s.trim());
                    }
                    break;
                case BOOLEAN:
                    if (value instanceof Boolean) {
                        return value;
                    } else if (value instanceof String s && (s.trim().equalsIgnoreCase("true")
                            || s.trim().equalsIgnoreCase("false"))) {
                        return Boolean.valueOf(s.trim().toLowerCase(Locale.ROOT));
                    }
                    break;
                case TIMESTAMP:
                    if (value instanceof Date) {
                        return value;
                    } else if (value instanceof Long l) {
                        return new Date(l);
                    } else if (value instanceof String s) {
                        // Date.from refuses instants past its millisecond range (year 292278994)
                        return Date.from(Instant.parse(s.trim()));
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // falls through to the mismatch below, which names the value
        } catch (IllegalArgumentException e) {
            throw new Operators.Mismatch("cannot CAST " + Operators.describe(value) + " AS " + target
                    + ": out of the TIMESTAMP range");
        }
        throw new Operators.Mismatch("cannot CAST " + Operators.describe(value) + " AS " + target);
    }

    /** Truncates towards zero, as Java's cast does; but NaN, infinities and values past 2^63 have no BIGINT. */
    private static long toLong(double value) {
        if (Double.isNaN(value) || value >= 0x1p63 || value < -0x1p63) {
            throw Operators.overflow("CAST(" + value + " AS BIGINT)");
        }
        return (long) value;
    }
}

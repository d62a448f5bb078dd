package io.velibconnect.transforms.expression;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The one registry of functions, with ksqlDB's names and behaviour:
 * <ul>
 * <li>LCASE/LOWER, UCASE/UPPER, TRIM (spaces and control characters at both ends), LEN (characters, BIGINT).</li>
 * <li>SUBSTRING(s, pos [, len]): 1-based; a negative pos counts from the end; out-of-range is clamped, as in
 * ksqlDB, so a len past the end (up to 9223372036854775807) takes the rest of the string.</li>
 * <li>CONCAT(s, ...): NULL arguments are skipped (ksqlDB does the same), so the result is never NULL.</li>
 * <li>A string result longer than its arguments and than {@link ExpressionLimits#MAX_STRING_CHARACTERS}, and an
 * integer result outside 64 bits (ABS(-2^63), ROUND(1e19)), are errors for the record.</li>
 * <li>COALESCE(a, ...): the first non-NULL argument; IFNULL(a, b) is COALESCE of two.</li>
 * <li>ABS, FLOOR, CEIL keep their argument's type. ROUND(x) rounds half away from zero to a BIGINT; ROUND(x, d)
 * keeps the type of x, to d decimal places (d may be negative).</li>
 * </ul>
 * All but CONCAT, COALESCE and IFNULL return NULL when any argument is NULL.
 */
final class Functions {

    /** How NULL arguments reach a function and whether its result can be NULL. */
    enum Nulls {
        /** Any NULL argument makes the result NULL; the body never sees NULL. */
        IN_OUT,
        /** The body sees NULLs; the result is NULL only if every argument is. */
        ALL_NULL,
        /** The body sees NULLs; the result is never NULL. */
        NEVER
    }

    @FunctionalInterface
    interface TypeRule {
        /** The result type for these argument types, or null if they are not accepted. */
        Type resultType(List<Type> args);
    }

    @FunctionalInterface
    interface Body {
        Object apply(Object[] args);
    }

    record Function(String name, int minArgs, int maxArgs, String signature, Nulls nulls, TypeRule typeRule,
                    Body body) {
    }

    private static final Map<String, Function> REGISTRY = new LinkedHashMap<>();

    private static final int MAX_PLACES = 350;

    static {
        for (String name : List.of("LCASE", "LOWER")) {
            register(name, 1, 1, "(STRING)", Nulls.IN_OUT, stringToString(),
                    args -> changeCase(args[0], CaseMapping::lower));
        }
        for (String name : List.of("UCASE", "UPPER")) {
            register(name, 1, 1, "(STRING)", Nulls.IN_OUT, stringToString(),
                    args -> changeCase(args[0], CaseMapping::upper));
        }
        register("TRIM", 1, 1, "(STRING)", Nulls.IN_OUT, stringToString(), args -> Operators.asString(args[0]).trim());
        register("LEN", 1, 1, "(STRING)", Nulls.IN_OUT,
                args -> args.get(0).fits(Type.STRING) ? Type.BIGINT : null,
                args -> (long) Operators.asString(args[0]).length());
        register("SUBSTRING", 2, 3, "(STRING, BIGINT [, BIGINT])", Nulls.IN_OUT,
                args -> args.get(0).fits(Type.STRING) && args.subList(1, args.size()).stream()
                        .allMatch(t -> t.fits(Type.BIGINT)) ? Type.STRING : null,
                Functions::substring);
        register("CONCAT", 1, Integer.MAX_VALUE, "(STRING, ...)", Nulls.NEVER,
                args -> args.stream().allMatch(t -> t.fits(Type.STRING)) ? Type.STRING : null,
                Functions::concat);
        register("COALESCE", 1, Integer.MAX_VALUE, "(T, ...)", Nulls.ALL_NULL, Functions::commonType,
                Functions::firstNonNull);
        register("IFNULL", 2, 2, "(T, T)", Nulls.ALL_NULL, Functions::commonType, Functions::firstNonNull);
        register("ABS", 1, 1, "(BIGINT or DOUBLE)", Nulls.IN_OUT, numericToSame(),
                args -> args[0] instanceof Long l ? (Object) abs(l)
                        : (Object) Math.abs(Operators.asNumber(args[0]).doubleValue()));
        register("FLOOR", 1, 1, "(BIGINT or DOUBLE)", Nulls.IN_OUT, numericToSame(),
                args -> args[0] instanceof Long ? args[0]
                        : (Object) Math.floor(Operators.asNumber(args[0]).doubleValue()));
        register("CEIL", 1, 1, "(BIGINT or DOUBLE)", Nulls.IN_OUT, numericToSame(),
                args -> args[0] instanceof Long ? args[0]
                        : (Object) Math.ceil(Operators.asNumber(args[0]).doubleValue()));
        register("ROUND", 1, 2, "(BIGINT or DOUBLE [, BIGINT])", Nulls.IN_OUT, Functions::roundType,
                Functions::round);
    }

    private Functions() {
    }

    static boolean exists(String name) {
        return REGISTRY.containsKey(name);
    }

    static Function get(String name) {
        return REGISTRY.get(name);
    }

    static String names() {
        return String.join(", ", new TreeSet<>(REGISTRY.keySet()));
    }

    private static void register(String name, int min, int max, String signature, Nulls nulls, TypeRule rule,
                                 Body body) {
        REGISTRY.put(name, new Function(name, min, max, signature, nulls, rule, body));
    }

    private static TypeRule stringToString() {
        return args -> args.get(0).fits(Type.STRING) ? Type.STRING : null;
    }

    private static TypeRule numericToSame() {
        return args -> {
            Type t = args.get(0);
            return t.isNumeric() || t == Type.ANY ? t : t == Type.NULL ? Type.BIGINT : null;
        };
    }

    private static Type commonType(List<Type> args) {
        Type common = Type.NULL;
        for (Type t : args) {
            common = TypeChecker.common(common, t);
            if (common == null) {
                return null;
            }
        }
        return common;
    }

    private static Object firstNonNull(Object[] args) {
        for (Object arg : args) {
            if (arg != null) {
                return arg;
            }
        }
        return null;
    }

    /** UPPER and LOWER can lengthen a string ('ß' is 'SS'): the result is held to the limit on computed strings. */
    private static String changeCase(Object arg, UnaryOperator<String> change) {
        String input = Operators.asString(arg);
        String result = change.apply(input);
        ExpressionLimits.checkStringLength(result.length(), input.length());
        return result;
    }

    private static Object concat(Object[] args) {
        long length = 0;
        long longest = 0;
        for (Object arg : args) {
            if (arg != null) {
                int argLength = Operators.asString(arg).length();
                length += argLength;
                longest = Math.max(longest, argLength);
            }
        }
        ExpressionLimits.checkStringLength(length, longest);
        StringBuilder text = new StringBuilder((int) length);
        for (Object arg : args) {
            if (arg != null) {
                text.append((String) arg);
            }
        }
        return text.toString();
    }

    private static long abs(long value) {
        if (value == Long.MIN_VALUE) {
            throw Operators.overflow("ABS(" + value + ")");
        }
        return Math.abs(value);
    }

    /** Counts in long, so no position or length (up to 2^63-1: "to the end") can overflow into a wrong range. */
    private static Object substring(Object[] args) {
        String text = Operators.asString(args[0]);
        long pos = Operators.asLong(args[1]);
        int length = text.length();
        int start = (int) (pos < 0 ? Math.max(length + pos, 0) : Math.max(Math.min(pos - 1, length), 0));
        int end = length;
        if (args.length == 3) {
            long count = Math.max(Operators.asLong(args[2]), 0);
            end = (int) (start + Math.min(count, length - start));
        }
        return text.substring(start, end);
    }

    private static Type roundType(List<Type> args) {
        Type x = args.get(0);
        if (!(x.isNumeric() || x == Type.ANY || x == Type.NULL)) {
            return null;
        }
        if (args.size() == 1) {
            return Type.BIGINT;
        }
        if (!args.get(1).fits(Type.BIGINT)) {
            return null;
        }
        return x == Type.NULL ? Type.BIGINT : x;
    }

    private static Object round(Object[] args) {
        Number x = Operators.asNumber(args[0]);
        if (args.length == 1) {
            return x instanceof Long ? x : (Object) exactLong(roundDouble(x.doubleValue(), 0), x);
        }
        long places = Operators.asLong(args[1]);
        // past 350 places either way every double (and every long) rounds to itself or to 0
        int scale = (int) Math.max(-MAX_PLACES, Math.min(MAX_PLACES, places));
        if (x instanceof Long l) {
            return scale >= 0 ? l : (Object) exactLong(BigDecimal.valueOf(l).setScale(scale, RoundingMode.HALF_UP), x);
        }
        return roundDouble(x.doubleValue(), scale).doubleValue();
    }

    /** A rounded value as BIGINT: ROUND(1e19) has no BIGINT value, so it is an error, not a wrapped number. */
    private static long exactLong(BigDecimal rounded, Number x) {
        try {
            return rounded.longValueExact();
        } catch (ArithmeticException e) {
            throw Operators.overflow("ROUND(" + x + ")");
        }
    }

    private static BigDecimal roundDouble(double x, int scale) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw new Operators.Mismatch("cannot round " + x);
        }
        return BigDecimal.valueOf(x).setScale(scale, RoundingMode.HALF_UP);
    }
}

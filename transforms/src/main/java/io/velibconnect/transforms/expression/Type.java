package io.velibconnect.transforms.expression;

/**
 * The types an expression computes with. All integers are 64-bit ({@code BIGINT}, Java {@code Long}) and all
 * non-integers are doubles ({@code DOUBLE}); Connect's Decimal reads as a double. Timestamp, Date and Time fields are
 * {@code TIMESTAMP} ({@code java.util.Date}). Structs, maps, arrays and bytes are {@code COMPLEX}: they can be
 * selected as they are and tested with IS NULL, nothing else. {@code NULL} is the type of the literal NULL;
 * {@code ANY} is a field of a record without a schema, checked when each record is evaluated.
 */
public enum Type {
    BOOLEAN, BIGINT, DOUBLE, STRING, TIMESTAMP, COMPLEX, NULL, ANY;

    boolean isNumeric() {
        return this == BIGINT || this == DOUBLE;
    }

    /** True if a value of this type may be used where {@code wanted} is needed (known only when evaluated for ANY). */
    boolean fits(Type wanted) {
        return this == wanted || this == ANY || this == NULL || wanted == ANY;
    }
}

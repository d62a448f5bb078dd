package io.velibconnect.aggregate;

import java.util.Locale;

/** What the totals are grouped by ({@code group.by}). */
public enum GroupBy {
    POSTCODE, CITY;

    public static GroupBy parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}

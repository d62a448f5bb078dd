package io.velibconnect.plugin;

import java.util.Locale;

/**
 * The config value of an enumeration constant: its name in lower case with dashes ({@code SYSTEM_CODE} is
 * {@code system-code}), read back whatever its case and surrounding blanks.
 */
public final class ConfigWords {

    private ConfigWords() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException for a word that names no constant of {@code type} */
    public static <E extends Enum<E>> E parse(Class<E> type, String word) {
        return Enum.valueOf(type, word.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}

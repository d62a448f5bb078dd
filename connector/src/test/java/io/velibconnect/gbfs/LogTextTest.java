package io.velibconnect.gbfs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTextTest {

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertEquals("16107\\nFAKE ERROR line", LogText.of("16107\nFAKE ERROR line"));
        assertEquals("\\u001b[31mred\\u001b[0m", LogText.of("\u001b[31mred\u001b[0m"));
        assertEquals("a\\r\\tb\\u0000\\u2028", LogText.of("a\r\tb\u0000\u2028"));
        assertEquals("C:\\\\x", LogText.of("C:\\x"), "a backslash is escaped, so an escape cannot be forged");
        assertEquals("Vélib' Métropole", LogText.of("Vélib' Métropole"));
        assertEquals("null", LogText.of(null));
    }

    @Test
    void longTextIsCut() {
        String cut = LogText.of("x".repeat(100_000));
        assertTrue(cut.length() < LogText.MAX_CHARS + 30, cut);
        assertTrue(cut.endsWith("…(100000 chars)"), cut);
    }
}

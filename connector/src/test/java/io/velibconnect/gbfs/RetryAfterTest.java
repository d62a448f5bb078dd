package io.velibconnect.gbfs;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void readsSecondsAndHttpDatesCappedAtAnHour() {
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse("120", NOW));
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Sun, 01 Mar 2026 12:01:30 GMT", NOW));
        assertEquals(RetryAfter.MAX, RetryAfter.parse("86400", NOW));
        assertEquals(RetryAfter.MAX, RetryAfter.parse("99999999999999999999", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse("Sun, 01 Mar 2026 11:00:00 GMT", NOW), "a past date: no wait");
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertNull(RetryAfter.parse(null, NOW));
        assertNull(RetryAfter.parse(" ", NOW));
        assertNull(RetryAfter.parse("-5", NOW));
        assertNull(RetryAfter.parse("soon", NOW));
    }
}

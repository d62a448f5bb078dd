package io.velibconnect.source;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedScheduleTest {

    private static final Instant NOW = Instant.parse("2024-12-15T10:36:00Z");

    private static FeedSchedule schedule(long ttlMaxMs) {
        return new FeedSchedule(Duration.ofSeconds(10), Duration.ofMillis(ttlMaxMs), Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }

    @Test
    void aNewScheduleIsDueAtOnce() {
        assertTrue(schedule(60_000).isDue(NOW));
    }

    @Test
    void theTtlHoldsAFeedBackFromItsLastUpdated() {
        FeedSchedule schedule = schedule(-1);
        schedule.succeeded(NOW, NOW.minusSeconds(10), 60);
        assertEquals(NOW.plusSeconds(50), schedule.due());
        assertFalse(schedule.isDue(NOW.plusSeconds(49)));
    }

    @Test
    void theIntervalIsTheShortestWaitEvenWithAShortOrPastTtl() {
        FeedSchedule schedule = schedule(-1);
        schedule.succeeded(NOW, NOW.minusSeconds(3600), 5);
        assertEquals(NOW.plusSeconds(10), schedule.due());
    }

    @Test
    void ttlMaxCapsVelibsHourLongTtl() {
        FeedSchedule capped = schedule(60_000);
        capped.succeeded(NOW, NOW.minusSeconds(10), 3600);
        assertEquals(NOW.plusSeconds(60), capped.due());

        FeedSchedule honoured = schedule(-1);
        honoured.succeeded(NOW, NOW.minusSeconds(10), 3600);
        assertEquals(NOW.plusSeconds(3590), honoured.due());
    }

    @Test
    void failuresBackOffExponentiallyUpToTheMaximumAndASuccessResets() {
        FeedSchedule schedule = schedule(60_000);
        assertEquals(Duration.ofSeconds(1), schedule.failed(NOW, null));
        assertEquals(Duration.ofSeconds(2), schedule.failed(NOW, null));
        assertEquals(Duration.ofSeconds(4), schedule.failed(NOW, null));
        for (int i = 0; i < 30; i++) {
            schedule.failed(NOW, null);
        }
        assertEquals(Duration.ofSeconds(30), schedule.failed(NOW, null));
        schedule.succeeded(NOW, NOW, 0);
        assertEquals(Duration.ofSeconds(1), schedule.failed(NOW, null));
    }

    @Test
    void aServersRetryAfterWinsOverAShorterBackoffButNeverShortensIt() {
        FeedSchedule schedule = schedule(60_000);
        assertEquals(Duration.ofSeconds(120), schedule.failed(NOW, Duration.ofSeconds(120)));
        assertFalse(schedule.isDue(NOW.plusSeconds(119)));
        assertTrue(schedule.isDue(NOW.plusSeconds(120)));
        assertEquals(Duration.ofSeconds(2), schedule.failed(NOW, Duration.ofMillis(500)), "the backoff goes on");
    }
}

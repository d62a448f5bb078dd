package io.velibconnect.source;

import java.time.Duration;
import java.time.Instant;

/**
 * When a feed is next worth fetching. After a good fetch: not before {@code poll.interval.ms}, and not before the
 * feed's own {@code last_updated + ttl} says new data can exist, except that a ttl never holds a feed back longer
 * than {@code ttl.max.ms} (Vélib' announces ttl 3600 while its counts change every minute). After a failed fetch:
 * exponential backoff from {@code retry.backoff.ms} up to {@code retry.backoff.max.ms}, or longer where the server
 * said how long to wait (Retry-After, already capped by its reader). Pure: the caller gives the time.
 */
final class FeedSchedule {

    private final Duration interval;
    private final Duration ttlMax;
    private final Duration backoff;
    private final Duration backoffMax;
    private Instant due = Instant.EPOCH;
    private int failures;

    /** @param ttlMax negative: no cap, the ttl is always honoured */
    FeedSchedule(Duration interval, Duration ttlMax, Duration backoff, Duration backoffMax) {
        this.interval = interval;
        this.ttlMax = ttlMax;
        this.backoff = backoff;
        this.backoffMax = backoffMax;
    }

    boolean isDue(Instant now) {
        return !now.isBefore(due);
    }

    Instant due() {
        return due;
    }

    /** @param lastUpdated the feed time of the freshest body held (null if none) */
    void succeeded(Instant now, Instant lastUpdated, int ttlSeconds) {
        failures = 0;
        Instant earliest = now.plus(interval);
        Instant ttlDue = (lastUpdated == null ? now : lastUpdated).plusSeconds(Math.max(0, ttlSeconds));
        if (!ttlMax.isNegative() && ttlDue.isAfter(now.plus(ttlMax))) {
            ttlDue = now.plus(ttlMax);
        }
        due = ttlDue.isAfter(earliest) ? ttlDue : earliest;
    }

    /** Failed fetches since the last good one. */
    int failures() {
        return failures;
    }

    /** Due now, as for a new feed (after the feed moved to another URL). */
    void reset() {
        failures = 0;
        due = Instant.EPOCH;
    }

    /**
     * @param serverWait how long the server asked to wait (Retry-After), null where it did not say
     * @return how long until the retry
     */
    Duration failed(Instant now, Duration serverWait) {
        failures++;
        Duration delay = backoff.multipliedBy(1L << Math.min(failures - 1, 20));
        if (delay.compareTo(backoffMax) > 0) {
            delay = backoffMax;
        }
        if (serverWait != null && serverWait.compareTo(delay) > 0) {
            delay = serverWait;
        }
        due = now.plus(delay);
        return delay;
    }
}

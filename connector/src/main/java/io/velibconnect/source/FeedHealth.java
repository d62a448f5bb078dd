package io.velibconnect.source;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether one URL (a gbfs.json or a feed) has answered usefully since the task started, and when to say again
 * that it has not: a feed that was never reached would otherwise look, from the metrics alone, like a quiet one.
 */
final class FeedHealth {

    static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private long attempts;
    private boolean reached;
    private int consecutiveFailures;
    private Instant lastWarned;

    void succeeded() {
        attempts++;
        reached = true;
        consecutiveFailures = 0;
    }

    /** @return true when the caller should now warn that the URL was never reached (at most every minute) */
    boolean failed(Instant now) {
        attempts++;
        consecutiveFailures++;
        if (reached || (lastWarned != null && now.isBefore(lastWarned.plus(WARN_EVERY)))) {
            return false;
        }
        lastWarned = now;
        return true;
    }

    long attempts() {
        return attempts;
    }

    boolean reached() {
        return reached;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }
}

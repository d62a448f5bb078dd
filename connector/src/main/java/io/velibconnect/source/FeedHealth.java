package io.velibconnect.source;

import io.velibconnect.gbfs.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether one URL (a gbfs.json or a feed) has answered usefully since the task started, and what a failed poll of
 * it says: the WARN with its retry, the count, and — at most every minute — that it was never reached, since a feed
 * never reached would otherwise look, from the metrics alone, like a quiet one.
 */
final class FeedHealth {

    static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(FeedHealth.class);

    private final SourceTaskMetrics metrics;
    private long attempts;
    private boolean reached;
    private int consecutiveFailures;
    private Instant lastWarned;

    FeedHealth(SourceTaskMetrics metrics) {
        this.metrics = metrics;
    }

    void succeeded(String url) {
        attempts++;
        reached = true;
        consecutiveFailures = 0;
        metrics.reach(url, this);
    }

    /** @param error what failed, naming the URL; holds no secret and escaped feed text only */
    void failed(Instant now, String url, PollFailure cause, String error, Duration retry) {
        attempts++;
        consecutiveFailures++;
        LOG.warn("{}; retrying in {} ms", error, retry.toMillis());
        metrics.failed(url, cause, error);
        if (!reached && (lastWarned == null || !now.isBefore(lastWarned.plus(WARN_EVERY)))) {
            lastWarned = now;
            LOG.warn("no successful poll of {} since start ({} attempts): {}", LogText.of(url), attempts, error);
        }
        metrics.reach(url, this);
    }

    boolean reached() {
        return reached;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }
}

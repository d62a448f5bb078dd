package io.velibconnect.source;

import io.velibconnect.gbfs.LogText;
import io.velibconnect.plugin.PluginGauges;
import org.apache.kafka.common.metrics.PluginMetrics;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The metrics of one source task, registered through Connect's plugin metrics (KIP-877) for the task's lifetime:
 * the task's totals as {@code kafka.connect:type=plugins,connector=<name>,task=<n>}, and the figures of each URL
 * it polls (a gbfs.json or a station feed) tagged {@code feed=<that URL>}, so that they follow what answered: a
 * feed that moves gets new ones, and the old URL's go away. docs/metrics.md lists them all.
 */
final class SourceTaskMetrics implements AutoCloseable {

    static final String FEED_TAG = "feed";

    private final Clock clock;
    private final PluginGauges gauges;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong pollErrors = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong lastLatency = new AtomicLong();
    private final AtomicLong maxLatency = new AtomicLong();
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong futureSnapshots = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>("");
    private final Map<String, FeedFigures> feeds = new ConcurrentHashMap<>();

    /** @param plugin the task context's metrics */
    SourceTaskMetrics(Clock clock, PluginMetrics plugin) {
        this.clock = clock;
        this.gauges = new PluginGauges(plugin);
        gauges.add("polls", "Fetches of station feeds, whatever their outcome", polls::get);
        gauges.add("poll-errors", "Failed fetches of gbfs.json or station feeds (the feed metrics say why)",
                pollErrors::get);
        gauges.add("not-modified", "Fetches answered 304 Not Modified (nothing parsed)", notModified::get);
        gauges.add("stale-snapshots", "Snapshots skipped because their last_updated is older than the one emitted",
                stale::get);
        gauges.add("last-poll-latency-ms", "Time the last fetch and parse of a station feed took", lastLatency::get);
        gauges.add("max-poll-latency-ms", "Longest fetch and parse of a station feed since the task started",
                maxLatency::get);
        gauges.add("stations-seen", "Stations read from station feeds", seen::get);
        gauges.add("stations-emitted", "Stations sent as records (changed, or every station with emit=all)",
                emitted::get);
        gauges.add("stations-suppressed", "Stations read but not sent because they did not change", suppressed::get);
        gauges.add("stations-rejected", "Stations skipped because a field is missing, mistyped or unrepresentable, "
                + "or their record cannot be built", rejected::get);
        gauges.add("feed-age-seconds", "Now minus the oldest last_updated of the task's status feeds; -1 before "
                + "the first snapshot", this::oldestFeedAge);
        gauges.add("future-snapshots", "Snapshots skipped because their last_updated lies beyond max.clock.skew.ms "
                + "in the future", futureSnapshots::get);
        gauges.add("feeds-never-reached", "URLs of the task (gbfs.json or feeds) that have not answered usefully "
                + "once since the task started", () -> feeds.values().stream().filter(FeedFigures::neverReached)
                .count());
        gauges.add("max-consecutive-failures", "The most failed polls in a row of any of the task's URLs, now",
                () -> feeds.values().stream().mapToLong(f -> f.consecutiveFailures).max().orElse(0));
        gauges.add("last-error", "When, where and what last failed (feed text escaped, never a secret)",
                lastError::get);
    }

    /** What this task knows of one URL; written by the task's thread, read by JMX. */
    private final class FeedFigures {

        final Map<String, String> tags;
        final Map<PollFailure, AtomicLong> errors = new EnumMap<>(PollFailure.class);
        volatile Boolean reached;
        volatile int consecutiveFailures;
        volatile int lastStatus = -1;
        volatile long latency = -1;
        volatile Instant feedTime;
        private boolean answersShown;

        FeedFigures(String url) {
            tags = Map.of(FEED_TAG, url);
            for (PollFailure cause : PollFailure.values()) {
                AtomicLong count = new AtomicLong();
                errors.put(cause, count);
                gauges.add("poll-errors-" + cause.tag, "Failed polls of this URL: " + cause.meaning, tags, count::get);
            }
            gauges.add("consecutive-failures", "Failed polls of this URL in a row, now", tags,
                    () -> (long) consecutiveFailures);
        }

        /** Only station feeds are fetched through {@link #polled}, so only they show what answered. */
        void showAnswers() {
            if (!answersShown) {
                answersShown = true;
                gauges.add("last-http-status", "HTTP status of the last answer of this station feed; -1 where "
                        + "the last fetch got none", tags, () -> (long) lastStatus);
                gauges.add("poll-latency-ms", "Time the last fetch and parse of this station feed took", tags,
                        () -> latency);
            }
        }

        boolean neverReached() {
            return Boolean.FALSE.equals(reached);
        }
    }

    private FeedFigures feed(String url) {
        return feeds.computeIfAbsent(url, FeedFigures::new);
    }

    private long oldestFeedAge() {
        return feeds.values().stream().map(f -> f.feedTime).filter(Objects::nonNull).min(Instant::compareTo)
                .map(oldest -> clock.instant().getEpochSecond() - oldest.getEpochSecond()).orElse(-1L);
    }

    void polled(String url, long latencyMs) {
        polls.incrementAndGet();
        lastLatency.set(latencyMs);
        maxLatency.accumulateAndGet(latencyMs, Math::max);
        FeedFigures feed = feed(url);
        feed.showAnswers();
        feed.latency = latencyMs;
    }

    /** @param httpStatus the status of the answer, -1 where the fetch got none */
    void answered(String url, int httpStatus) {
        FeedFigures feed = feed(url);
        feed.showAnswers();
        feed.lastStatus = httpStatus;
    }

    /** @param error what failed, naming the URL; holds no secret and escaped feed text only */
    void failed(String url, PollFailure cause, String error) {
        pollErrors.incrementAndGet();
        feed(url).errors.get(cause).incrementAndGet();
        lastError.set(clock.instant() + " " + LogText.of(url) + ": " + error);
    }

    void reach(String url, FeedHealth health) {
        FeedFigures feed = feed(url);
        feed.reached = health.reached();
        feed.consecutiveFailures = health.consecutiveFailures();
    }

    /** The URL is no longer polled (its feed moved): its figures go. */
    void forget(String url) {
        if (feeds.remove(url) != null) {
            gauges.remove(Map.of(FEED_TAG, url));
        }
    }

    void futureSnapshot() {
        futureSnapshots.incrementAndGet();
    }

    void notModified() {
        notModified.incrementAndGet();
    }

    void stale() {
        stale.incrementAndGet();
    }

    /** The last_updated of the status feed at {@code feed}'s latest snapshot. */
    void feedTime(String feed, Instant lastUpdated) {
        FeedFigures figures = feed(feed);
        boolean first = figures.feedTime == null;
        figures.feedTime = lastUpdated;
        if (first) {
            gauges.add("feed-age-seconds", "Now minus the last_updated of this status feed's latest snapshot",
                    figures.tags, () -> clock.instant().getEpochSecond() - figures.feedTime.getEpochSecond());
        }
    }

    void snapshot(int stations, int emittedNow, int suppressedNow, int rejectedNow) {
        seen.addAndGet(stations);
        emitted.addAndGet(emittedNow);
        suppressed.addAndGet(suppressedNow);
        rejected.addAndGet(rejectedNow);
    }

    @Override
    public void close() {
        gauges.close();
    }
}

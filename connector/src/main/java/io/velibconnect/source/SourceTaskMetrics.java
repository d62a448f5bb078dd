package io.velibconnect.source;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of one source task, registered as a JMX MBean for the task's lifetime. */
public final class SourceTaskMetrics implements SourceTaskMetricsMBean {

    private static final Logger LOG = LoggerFactory.getLogger(SourceTaskMetrics.class);

    private final Clock clock;
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
    private final Map<String, Reach> reach = new ConcurrentHashMap<>();
    private final Map<String, Instant> feedTimes = new ConcurrentHashMap<>();
    private ObjectName name;

    public SourceTaskMetrics(Clock clock) {
        this.clock = clock;
    }

    public static ObjectName objectName(String connector, String task) throws JMException {
        return new ObjectName("io.velibconnect:type=source-task,connector=" + ObjectName.quote(connector)
                + ",task=" + task);
    }

    void register(String connector, String task) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName candidate = objectName(connector, task);
            if (server.isRegistered(candidate)) {
                server.unregisterMBean(candidate);
            }
            server.registerMBean(this, candidate);
            name = candidate;
        } catch (JMException e) {
            LOG.warn("Source task metrics of {} task {} not registered in JMX: {}", connector, task, e.toString());
        }
    }

    void unregister() {
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException e) {
                LOG.debug("Source task metrics {} already unregistered", name);
            }
            name = null;
        }
    }

    void polled(long latencyMs) {
        polls.incrementAndGet();
        lastLatency.set(latencyMs);
        maxLatency.accumulateAndGet(latencyMs, Math::max);
    }

    /** Whether a URL has answered usefully since start, and its failures in a row since. */
    private record Reach(boolean reached, int consecutiveFailures) {
    }

    /** @param where a URL, escaped; {@code error} holds no secret and escaped feed text only */
    void failed(String where, String error) {
        pollErrors.incrementAndGet();
        lastError.set(clock.instant() + " " + where + ": " + error);
    }

    void reach(String url, FeedHealth health) {
        reach.put(url, new Reach(health.reached(), health.consecutiveFailures()));
    }

    /** The URL is no longer polled (its feed moved). */
    void forget(String url) {
        reach.remove(url);
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

    void feedTime(String feed, Instant lastUpdated) {
        feedTimes.put(feed, lastUpdated);
    }

    void snapshot(int stations, int emittedNow, int suppressedNow, int rejectedNow) {
        seen.addAndGet(stations);
        emitted.addAndGet(emittedNow);
        suppressed.addAndGet(suppressedNow);
        rejected.addAndGet(rejectedNow);
    }

    @Override
    public long getPolls() {
        return polls.get();
    }

    @Override
    public long getPollErrors() {
        return pollErrors.get();
    }

    @Override
    public long getNotModified() {
        return notModified.get();
    }

    @Override
    public long getStaleSnapshots() {
        return stale.get();
    }

    @Override
    public long getLastPollLatencyMs() {
        return lastLatency.get();
    }

    @Override
    public long getMaxPollLatencyMs() {
        return maxLatency.get();
    }

    @Override
    public long getStationsSeen() {
        return seen.get();
    }

    @Override
    public long getStationsEmitted() {
        return emitted.get();
    }

    @Override
    public long getStationsSuppressed() {
        return suppressed.get();
    }

    @Override
    public long getStationsRejected() {
        return rejected.get();
    }

    @Override
    public long getFeedAgeSeconds() {
        return feedTimes.values().stream().min(Instant::compareTo)
                .map(oldest -> clock.instant().getEpochSecond() - oldest.getEpochSecond()).orElse(-1L);
    }

    @Override
    public long getFutureSnapshots() {
        return futureSnapshots.get();
    }

    @Override
    public long getFeedsNeverReached() {
        return reach.values().stream().filter(r -> !r.reached()).count();
    }

    @Override
    public long getMaxConsecutiveFailures() {
        return reach.values().stream().mapToLong(Reach::consecutiveFailures).max().orElse(0);
    }

    @Override
    public String getLastError() {
        return lastError.get();
    }
}

package io.velibconnect.source;

import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.FeedSnapshot;
import io.velibconnect.gbfs.FetchException;
import io.velibconnect.gbfs.Fetched;
import io.velibconnect.gbfs.GbfsClient;
import io.velibconnect.gbfs.Rejection;
import io.velibconnect.gbfs.Validators;
import io.velibconnect.records.StationSchemas;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One station feed of one system: fetches it when its schedule says so, parses it, keeps the stations that
 * changed and makes them source records. Never throws on feed content or HTTP trouble: it logs what and where,
 * counts it, and backs off.
 *
 * <p>Offsets: every record of a batch but the last carries the offset held before the batch, the last carries
 * the new one. Connect commits the offset of the last record acknowledged in order, so a crash mid-batch makes
 * the restart re-send the batch (at least once, nothing missed); with exactly-once source support the batch and
 * its last offset commit in one transaction.
 */
final class StationFeed<T> {

    private static final Logger LOG = LoggerFactory.getLogger(StationFeed.class);
    private static final int LOGGED_REJECTIONS = 20;

    private final FeedKind<T> kind;
    private String url;
    private final String topic;
    private final Map<String, Object> partition;
    private final FeedSchedule schedule;
    private final boolean emitAll;
    private Validators validators = Validators.NONE;
    private Map<String, Long> emitted = Map.of();
    private Map<String, Object> offset;
    private Instant lastUpdated;
    private int ttlSeconds;

    StationFeed(FeedKind<T> kind, String url, String topic, Map<String, Object> partition, FeedSchedule schedule,
                boolean emitAll, Map<String, Object> storedOffset) {
        this.kind = kind;
        this.url = url;
        this.topic = topic;
        this.partition = partition;
        this.schedule = schedule;
        this.emitAll = emitAll;
        this.offset = storedOffset;
        if (storedOffset != null) {
            emitted = EmittedDigest.emitted(storedOffset);
            long stored = EmittedDigest.lastUpdated(storedOffset);
            lastUpdated = stored < 0 ? null : Instant.ofEpochMilli(stored);
        }
    }

    Instant due() {
        return schedule.due();
    }

    String url() {
        return url;
    }

    /** Failed fetches since the last good one. */
    int failures() {
        return schedule.failures();
    }

    /**
     * The system now publishes this feed at {@code newUrl}: fetched from there at once, and what was emitted is
     * kept, so stations that did not change are not sent again.
     */
    void moveTo(String newUrl) {
        url = newUrl;
        validators = Validators.NONE;
        schedule.reset();
    }

    List<SourceRecord> pollIfDue(Instant now, GbfsClient client, FeedParser parser, String systemId,
                                 SourceTaskMetrics metrics) {
        if (!schedule.isDue(now)) {
            return List.of();
        }
        long started = System.nanoTime();
        try {
            Fetched fetched = client.fetch(url, validators);
            validators = fetched.validators();
            if (fetched.notModified()) {
                metrics.notModified();
                schedule.succeeded(now, lastUpdated, ttlSeconds);
                return List.of();
            }
            FeedSnapshot<T> snapshot = kind.parse(parser, fetched.body());
            ttlSeconds = snapshot.ttlSeconds();
            schedule.succeeded(now, snapshot.lastUpdated(), ttlSeconds);
            return records(snapshot, systemId, metrics);
        } catch (FetchException e) {
            fail(now, metrics, "GET " + url + " failed: " + e.getMessage());
        } catch (FeedException e) {
            validators = Validators.NONE;
            fail(now, metrics, kind.name() + " " + url + " unusable: " + e.getMessage());
        } catch (RuntimeException e) {
            validators = Validators.NONE;
            LOG.error("Unexpected error polling {} {}", kind.name(), url, e);
            fail(now, metrics, kind.name() + " " + url + " unexpected error: " + e);
        } finally {
            metrics.polled(Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        return List.of();
    }

    private void fail(Instant now, SourceTaskMetrics metrics, String error) {
        Duration retry = schedule.failed(now);
        LOG.warn("{}; retrying in {} ms", error, retry.toMillis());
        metrics.failed(url, error);
    }

    private List<SourceRecord> records(FeedSnapshot<T> snapshot, String systemId, SourceTaskMetrics metrics) {
        logRejections(snapshot.rejections());
        if (kind == FeedKind.STATUS) {
            metrics.feedTime(url, snapshot.lastUpdated());
        }
        if (lastUpdated != null && !snapshot.lastUpdated().isAfter(lastUpdated)) {
            if (snapshot.lastUpdated().isBefore(lastUpdated)) {
                metrics.stale();
                LOG.info("{} {}: last_updated {} is older than the {} already emitted; snapshot skipped",
                        kind.name(), url, snapshot.lastUpdated(), lastUpdated);
            }
            metrics.snapshot(snapshot.stations().size(), 0, snapshot.stations().size(), snapshot.rejections().size());
            return List.of();
        }
        StationDiff.Result<T> diff = StationDiff.diff(emitted, snapshot.stations(), kind.key(), kind.content(), emitAll,
                snapshot.rejections());
        metrics.snapshot(snapshot.stations().size(), diff.changed().size(), diff.unchanged(),
                snapshot.rejections().size());
        lastUpdated = snapshot.lastUpdated();
        emitted = diff.emitted();
        if (diff.withheld() > 0) {
            LOG.info("{} {}: {} stations emitted before are missing but not removed: they were rejected, or a "
                    + "rejected station's key could not be read", kind.name(), url, diff.withheld());
        }
        int count = diff.changed().size() + diff.removed().size();
        if (count == 0) {
            return List.of();
        }
        Map<String, Object> before = offset != null ? offset : EmittedDigest.offset(-1, Map.of());
        offset = EmittedDigest.offset(lastUpdated.toEpochMilli(), emitted);
        List<SourceRecord> records = new ArrayList<>(count);
        for (T station : diff.changed()) {
            records.add(record(records.size() == count - 1 ? offset : before, kind.key().apply(station),
                    kind.schema(), kind.value().apply(station, systemId)));
        }
        // A null schema and value: JsonConverter then writes a real Kafka tombstone, which compacts the station away.
        for (String removed : diff.removed()) {
            records.add(record(records.size() == count - 1 ? offset : before, removed, null, null));
        }
        LOG.debug("{} {}: {} stations, {} emitted, {} unchanged, {} removed, {} rejected", kind.name(), url,
                snapshot.stations().size(), diff.changed().size(), diff.unchanged(), diff.removed().size(),
                snapshot.rejections().size());
        return records;
    }

    /**
     * No record timestamp (the producer stamps the send time): the feed's time stays in the value's last_updated,
     * and a replayed or backfilled feed is not deleted at once by the topic's time retention.
     */
    private SourceRecord record(Map<String, Object> sourceOffset, String key, Schema schema, Struct value) {
        return new SourceRecord(partition, sourceOffset, topic, null, StationSchemas.KEY, key, schema, value,
                (Long) null);
    }

    private void logRejections(List<Rejection> rejections) {
        for (int i = 0; i < Math.min(LOGGED_REJECTIONS, rejections.size()); i++) {
            Rejection rejection = rejections.get(i);
            LOG.warn("{} {}: station {} skipped: {}", kind.name(), url, rejection.stationId(), rejection.reason());
        }
        if (rejections.size() > LOGGED_REJECTIONS) {
            LOG.warn("{} {}: {} more stations skipped", kind.name(), url, rejections.size() - LOGGED_REJECTIONS);
        }
    }
}

package io.velibconnect.source;

import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.FeedSnapshot;
import io.velibconnect.gbfs.FetchException;
import io.velibconnect.gbfs.Fetched;
import io.velibconnect.gbfs.GbfsClient;
import io.velibconnect.gbfs.LogText;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One station feed of one system: fetches it when its schedule says so, parses it, keeps the stations that
 * changed and makes them source records. Never throws on feed content or HTTP trouble: any failure of a poll is
 * logged with the URL and cause, counted, and retried with backoff (at least the server's Retry-After).
 *
 * <p>Offsets: the feed's digest is split into {@link EmittedDigest#SHARDS} source partitions. Within a batch,
 * every record of a shard but the last carries the shard's offset held before the batch, the last carries the
 * new one. Connect commits per partition the offset of the last record acknowledged in order, so a crash
 * mid-batch makes the restart re-send what was not acknowledged (at least once, nothing missed); with
 * exactly-once source support the batch and its offsets commit in one transaction. What a snapshot emitted is
 * taken as emitted only once all its records were built: a station whose record cannot be built is rejected
 * alone and tried again with the next snapshot.
 */
final class StationFeed<T> {

    private static final Logger LOG = LoggerFactory.getLogger(StationFeed.class);
    private static final int LOGGED_REJECTIONS = 20;

    private final GbfsClient client;
    private final FeedParser parser;
    private final SourceTaskMetrics metrics;
    private final FeedKind<T> kind;
    private String url;
    private final String topic;
    private final IntFunction<Map<String, Object>> partitions;
    private final FeedSchedule schedule;
    private final boolean emitAll;
    private final Duration maxClockSkew;
    private final FeedHealth health;
    private Validators validators = Validators.NONE;
    private Map<String, Long> emitted = new HashMap<>();
    private final Map<Integer, Map<String, Object>> offsets = new HashMap<>();
    private Instant lastUpdated;
    /** Restored from offsets: a snapshot as old as the newest shard is diffed again (another shard may lag). */
    private boolean resumed;
    private int ttlSeconds;

    /**
     * @param partitions   the source partition of each shard
     * @param legacyOffset the offset of a single-partition digest written by an earlier version, null where none
     * @param storedOffset the committed offset of a partition, null where none
     */
    StationFeed(GbfsClient client, FeedParser parser, SourceTaskMetrics metrics, FeedKind<T> kind, String url,
                String topic, IntFunction<Map<String, Object>> partitions, FeedSchedule schedule, boolean emitAll,
                Duration maxClockSkew, Instant now, Map<String, Object> legacyOffset,
                Function<Map<String, Object>, Map<String, Object>> storedOffset) {
        this.client = client;
        this.parser = parser;
        this.metrics = metrics;
        this.health = new FeedHealth(metrics);
        this.kind = kind;
        this.url = url;
        this.topic = topic;
        this.partitions = partitions;
        this.schedule = schedule;
        this.emitAll = emitAll;
        this.maxClockSkew = maxClockSkew;
        long newest = -1;
        for (int shard = 0; shard < EmittedDigest.SHARDS; shard++) {
            Map<String, Object> stored = storedOffset.apply(partitions.apply(shard));
            if (stored != null) {
                offsets.put(shard, stored);
                emitted.putAll(EmittedDigest.emitted(stored));
                newest = Math.max(newest, plausibleTime(stored, now, "shard " + shard));
            }
        }
        if (offsets.isEmpty() && legacyOffset != null) {
            emitted.putAll(EmittedDigest.emitted(legacyOffset));
            newest = plausibleTime(legacyOffset, now, "offset");
        }
        lastUpdated = newest < 0 ? null : Instant.ofEpochMilli(newest);
        resumed = lastUpdated != null;
    }

    /** The stored feed time, or -1 where it is absent or so far in the future that it must be bad input. */
    private long plausibleTime(Map<String, Object> offset, Instant now, String which) {
        long stored = EmittedDigest.lastUpdated(offset);
        if (stored >= 0 && Instant.ofEpochMilli(stored).isAfter(now.plus(maxClockSkew))) {
            LOG.warn("{} {}: the stored {} holds last_updated {}, beyond max.clock.skew.ms of now; ignored, so "
                    + "that the next snapshot is read", kind.name(), LogText.of(url), which,
                    Instant.ofEpochMilli(stored));
            return -1;
        }
        return stored;
    }

    Instant due() {
        return schedule.due();
    }

    String url() {
        return url;
    }

    /**
     * The system now publishes this feed at {@code newUrl}: fetched from there at once, and what was emitted is
     * kept, so stations that did not change are not sent again.
     */
    void moveTo(String newUrl) {
        metrics.forget(url);
        url = newUrl;
        validators = Validators.NONE;
        schedule.reset();
    }

    boolean isDue(Instant now) {
        return schedule.isDue(now);
    }

    /**
     * What one call of {@link #pollIfDue} gave.
     *
     * @param records      the records to send: none where the feed was not due, failed, or did not change
     * @param failedInARow how many fetches in a row have failed, this one the last; 0 where this call fetched
     *                     nothing or the fetch succeeded
     */
    record Poll(List<SourceRecord> records, int failedInARow) {

        static final Poll NOTHING = new Poll(List.of(), 0);

        Poll {
            records = List.copyOf(records);
        }
    }

    Poll pollIfDue(Instant now, SystemScope system) {
        if (!schedule.isDue(now)) {
            return Poll.NOTHING;
        }
        long started = System.nanoTime();
        try {
            Fetched fetched = client.fetch(url, validators);
            metrics.answered(url, fetched.httpStatus());
            if (fetched.notModified()) {
                validators = fetched.validators();
                metrics.notModified();
                succeeded(now, lastUpdated);
                return Poll.NOTHING;
            }
            FeedSnapshot<T> snapshot = kind.parse(parser, fetched.body());
            List<SourceRecord> records = records(snapshot, now, system);
            validators = fetched.validators();
            ttlSeconds = snapshot.ttlSeconds();
            succeeded(now, lastUpdated);
            return new Poll(records, 0);
        } catch (FetchException e) {
            metrics.answered(url, e.httpStatus());
            return fail(now, e, "GET " + LogText.of(url) + " failed: " + e.getMessage(), e.retryAfter());
        } catch (FeedException e) {
            validators = Validators.NONE;
            return fail(now, e, kind.name() + " " + LogText.of(url) + " unusable: " + LogText.of(e.getMessage()),
                    null);
        } catch (RuntimeException e) {
            // feed content that slipped past the parser's checks: this poll fails, the task goes on
            validators = Validators.NONE;
            LOG.debug("Unexpected error polling {} {}", kind.name(), LogText.of(url), e);
            return fail(now, e, kind.name() + " " + LogText.of(url) + " unexpected error: "
                    + LogText.of(e.toString()), null);
        } finally {
            metrics.polled(url, Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    private void succeeded(Instant now, Instant feedTime) {
        schedule.succeeded(now, feedTime, ttlSeconds);
        health.succeeded(url);
    }

    private Poll fail(Instant now, Exception failure, String error, Duration serverWait) {
        health.failed(now, url, PollFailure.of(failure), error, schedule.failed(now, serverWait));
        return new Poll(List.of(), schedule.failures());
    }

    private List<SourceRecord> records(FeedSnapshot<T> snapshot, Instant now, SystemScope system) {
        logRejections(snapshot.rejections());
        int seen = snapshot.stations().size();
        if (snapshot.lastUpdated().isAfter(now.plus(maxClockSkew))) {
            metrics.futureSnapshot();
            metrics.snapshot(seen, 0, 0, snapshot.rejections().size());
            LOG.warn("{} {}: last_updated {} is beyond max.clock.skew.ms of the worker's clock ({}); snapshot "
                    + "skipped", kind.name(), LogText.of(url), snapshot.lastUpdated(), now);
            return List.of();
        }
        if (kind == FeedKind.STATUS) {
            metrics.feedTime(url, snapshot.lastUpdated());
        }
        if (lastUpdated != null && (snapshot.lastUpdated().isBefore(lastUpdated)
                || (snapshot.lastUpdated().equals(lastUpdated) && !resumed))) {
            if (snapshot.lastUpdated().isBefore(lastUpdated)) {
                metrics.stale();
                LOG.info("{} {}: last_updated {} is older than the {} already emitted; snapshot skipped",
                        kind.name(), LogText.of(url), snapshot.lastUpdated(), lastUpdated);
            }
            metrics.snapshot(seen, 0, seen, snapshot.rejections().size());
            return List.of();
        }
        List<T> stations = snapshot.stations().stream().map(station -> kind.scoped().apply(station, system))
                .toList();
        StationDiff.Result<T> diff = StationDiff.diff(emitted, stations, kind.key(), kind.fingerprint(), emitAll,
                snapshot.rejections());
        Map<String, Long> next = new HashMap<>(diff.emitted());
        List<Built> built = new ArrayList<>(diff.changed().size() + diff.removed().size());
        int unbuildable = 0;
        for (T station : diff.changed()) {
            String key = kind.key().apply(station);
            try {
                built.add(new Built(key, system.recordKey(key), kind.schema(),
                        kind.value().apply(station, system.systemId())));
            } catch (RuntimeException e) {
                unbuildable++;
                revert(next, key);
                if (unbuildable <= LOGGED_REJECTIONS) {
                    LOG.warn("{} {}: station {} skipped: its record cannot be built: {}", kind.name(),
                            LogText.of(url), LogText.of(key), LogText.of(e.getMessage()));
                }
            }
        }
        // A null schema and value: JsonConverter then writes a real Kafka tombstone, which compacts the station away.
        for (String removed : diff.removed()) {
            built.add(new Built(removed, system.recordKey(removed), null, null));
        }
        metrics.snapshot(seen, diff.changed().size() - unbuildable, diff.unchanged(),
                snapshot.rejections().size() + unbuildable);
        if (diff.withheld() > 0) {
            LOG.info("{} {}: {} stations emitted before are missing but not removed: they were rejected, or a "
                    + "rejected station's key could not be read", kind.name(), LogText.of(url), diff.withheld());
        }
        List<SourceRecord> records = offsetRecords(built, snapshot.lastUpdated(), next);
        emitted = next;
        lastUpdated = snapshot.lastUpdated();
        resumed = false;
        LOG.debug("{} {}: {} stations, {} emitted, {} unchanged, {} removed, {} rejected", kind.name(),
                LogText.of(url), seen, diff.changed().size() - unbuildable, diff.unchanged(), diff.removed().size(),
                snapshot.rejections().size() + unbuildable);
        return records;
    }

    /** A station not emitted keeps the fingerprint of what was emitted before, so the next snapshot retries it. */
    private void revert(Map<String, Long> next, String key) {
        Long before = emitted.get(key);
        if (before == null) {
            next.remove(key);
        } else {
            next.put(key, before);
        }
    }

    /**
     * A record about to be sent, before its offset is known.
     *
     * @param key       the station's local key, which picks its digest shard
     * @param recordKey the key the record is sent with
     */
    private record Built(String key, String recordKey, Schema schema, Struct value) {
    }

    /** The records, each with its shard's offset: the new one on the shard's last record, the held one before. */
    private List<SourceRecord> offsetRecords(List<Built> built, Instant feedTime, Map<String, Long> next) {
        Map<Integer, Integer> lastOfShard = new HashMap<>();
        for (int i = 0; i < built.size(); i++) {
            lastOfShard.put(EmittedDigest.shard(built.get(i).key()), i);
        }
        Map<Integer, Map<String, Long>> shards = EmittedDigest.split(next);
        Map<Integer, Map<String, Object>> newOffsets = new HashMap<>();
        lastOfShard.keySet().forEach(shard -> newOffsets.put(shard,
                EmittedDigest.offset(feedTime.toEpochMilli(), shards.getOrDefault(shard, Map.of()))));
        List<SourceRecord> records = new ArrayList<>(built.size());
        for (int i = 0; i < built.size(); i++) {
            Built record = built.get(i);
            int shard = EmittedDigest.shard(record.key());
            Map<String, Object> offset = lastOfShard.get(shard) == i ? newOffsets.get(shard)
                    : offsets.getOrDefault(shard, EmittedDigest.offset(-1, Map.of()));
            records.add(record(partitions.apply(shard), offset, record));
        }
        offsets.putAll(newOffsets);
        return records;
    }

    /**
     * No record timestamp (the producer stamps the send time): the feed's time stays in the value's last_updated,
     * and a replayed or backfilled feed is not deleted at once by the topic's time retention.
     */
    private SourceRecord record(Map<String, Object> partition, Map<String, Object> sourceOffset, Built built) {
        return new SourceRecord(partition, sourceOffset, topic, null, StationSchemas.KEY, built.recordKey(),
                built.schema(), built.value(), (Long) null);
    }

    private void logRejections(List<Rejection> rejections) {
        for (int i = 0; i < Math.min(LOGGED_REJECTIONS, rejections.size()); i++) {
            Rejection rejection = rejections.get(i);
            // the parser escapes a rejection's id and reason already
            LOG.warn("{} {}: station {} skipped: {}", kind.name(), LogText.of(url), rejection.stationId(),
                    rejection.reason());
        }
        if (rejections.size() > LOGGED_REJECTIONS) {
            LOG.warn("{} {}: {} more stations skipped", kind.name(), LogText.of(url),
                    rejections.size() - LOGGED_REJECTIONS);
        }
    }
}

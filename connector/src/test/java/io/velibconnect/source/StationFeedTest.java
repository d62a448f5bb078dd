package io.velibconnect.source;

import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.GbfsClient;
import io.velibconnect.gbfs.HttpSettings;
import io.velibconnect.gbfs.RegionNames;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.records.StationKey;
import io.velibconnect.testing.BuiltFeeds;
import io.velibconnect.testing.PluginMetricsReadout;
import io.velibconnect.testing.RecordedVelibServer;
import io.velibconnect.testing.TestData;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One station feed against a MockWebServer: what it emits, what it takes as emitted, and when it tries again. */
class StationFeedTest {

    private static final String SERIES = RecordedVelibServer.SERIES;
    private static final String URL_KEY = "http://configured/gbfs.json";
    /** A year-3000 envelope: lastUpdatedOther pushed ~975 years ahead. */
    private static final long TO_YEAR_3000 = 30_800_000_000L;

    private static final SystemScope PARIS = new SystemScope("Paris", StationKey.CODE, RegionNames.NONE);

    private final MockWebServer server = new MockWebServer();
    private final GbfsClient client = new GbfsClient(HttpSettings.defaults());
    private final FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);
    private final PluginMetricsReadout readout = new PluginMetricsReadout();
    private final SourceTaskMetrics metrics = new SourceTaskMetrics(Clock.systemUTC(), readout.plugin());
    /** A station key whose record building throws, null for none. */
    private final AtomicReference<String> unbuildable = new AtomicReference<>();
    private final FeedKind<StationStatus> kind = new FeedKind<>(FeedKind.STATUS.name(), FeedParser::parseStatus,
            StationStatus::key, FeedKind.STATUS.scoped(), StationStatus::fingerprint, FeedKind.STATUS.schema(),
            (station, system) -> {
                if (station.key().equals(unbuildable.get())) {
                    throw new DataException("Invalid value: null used for required field");
                }
                return StationRecords.status(station, system);
            });
    /** The last offset each partition received, as Connect would commit it. */
    private final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();
    private Instant now = Instant.parse("2024-12-15T11:00:00Z");
    private SystemScope system = PARIS;

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        readout.close();
        client.close();
        server.close();
    }

    private StationFeed<StationStatus> feed() {
        return feed(kind);
    }

    private StationFeed<StationStatus> feed(FeedKind<StationStatus> kind) {
        return new StationFeed<>(client, parser, metrics, kind, server.url("/station_status.json").toString(),
                "topic", shard -> FeedSystem.partition(URL_KEY, kind, shard), new FeedSchedule(Duration.ofMillis(10),
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(4)), false, Duration.ofDays(1), now,
                committed.get(FeedSystem.partition(URL_KEY, kind)), committed::get);
    }

    private List<SourceRecord> poll(StationFeed<StationStatus> feed, byte[] body) {
        return poll(feed, RecordedVelibServer.ok(body));
    }

    private List<SourceRecord> poll(StationFeed<StationStatus> feed, MockResponse response) {
        return polled(feed, response).records();
    }

    /** Serves one answer an hour later (every backoff and ttl over), and commits what the poll gave. */
    private StationFeed.Poll polled(StationFeed<StationStatus> feed, MockResponse response) {
        server.enqueue(response);
        now = now.plus(Duration.ofHours(1));
        StationFeed.Poll polled = feed.pollIfDue(now, system);
        polled.records().forEach(r -> committed.put(castPartition(r), castOffset(r)));
        return polled;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castPartition(SourceRecord record) {
        return (Map<String, Object>) record.sourcePartition();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castOffset(SourceRecord record) {
        return (Map<String, Object>) record.sourceOffset();
    }

    private static byte[] snapshot(String time) {
        return TestData.bytes(SERIES + "station_status_2024-12-15T" + time + "Z.json");
    }

    private static Set<String> keys(List<SourceRecord> records) {
        return records.stream().map(r -> (String) r.key()).collect(Collectors.toSet());
    }

    @Test
    void systemCodeKeysRecordsAndTombstonesByTheSystemWhileTheDigestKeepsTheLocalKey() throws Exception {
        byte[] without16107 = BuiltFeeds.velibWithoutStations(snapshot("1035"), Set.of("16107"), 60);
        poll(feed(), snapshot("1035"));
        poll(feed(), without16107);
        Map<Map<String, Object>, Map<String, Object>> codeOffsets = new HashMap<>(committed);
        committed.clear();
        system = new SystemScope("Paris/1%", StationKey.SYSTEM_CODE, RegionNames.NONE);

        List<SourceRecord> first = poll(feed(), snapshot("1035"));
        List<SourceRecord> removed = poll(feed(), without16107);

        assertEquals(1486, first.size());
        assertTrue(first.stream().allMatch(r -> ((String) r.key()).startsWith("Paris%2F1%25/")), "escaped system id");
        assertTrue(keys(first).contains("Paris%2F1%25/16107"));
        assertEquals(1, removed.size());
        assertEquals("Paris%2F1%25/16107", removed.get(0).key());
        assertEquals(null, removed.get(0).value(), "a tombstone under the system's key");
        assertEquals(codeOffsets, committed, "the same partitions and digests as with station.key=code");
    }

    @Test
    void aFutureSnapshotIsSkippedAndNeverBecomesTheFeedsTime() throws Exception {
        StationFeed<StationStatus> feed = feed();
        assertEquals(1486, poll(feed, snapshot("1035")).size());

        assertEquals(List.of(), poll(feed, BuiltFeeds.velibWithoutStations(snapshot("1037"), Set.of(), TO_YEAR_3000)));
        assertEquals(1, readout.count("future-snapshots"));

        Set<String> expected = VelibSourceConnectorIT.changedKeys("1035", "1037");
        assertEquals(expected, keys(poll(feed, snapshot("1037"))), "the next real snapshot is not 'older'");
    }

    @Test
    void anOffsetHoldingAFutureTimeIsIgnoredOnStart() throws Exception {
        poll(feed(), snapshot("1035"));
        committed.replaceAll((partition, offset) -> EmittedDigest.offset(
                Instant.parse("3000-01-01T00:00:00Z").toEpochMilli(), EmittedDigest.emitted(offset)));

        StationFeed<StationStatus> restarted = feed();

        assertEquals(VelibSourceConnectorIT.changedKeys("1035", "1037"), keys(poll(restarted, snapshot("1037"))),
                "the 1037 snapshot is read, and the stored digest spares the unchanged stations");
    }

    @Test
    void aStationWhoseRecordCannotBeBuiltIsRejectedAloneAndRetriedNextTime() throws Exception {
        StationFeed<StationStatus> feed = feed();
        unbuildable.set("16107");

        List<SourceRecord> first = poll(feed, snapshot("1035"));

        assertEquals(1485, first.size(), "every other station of the snapshot");
        assertFalse(keys(first).contains("16107"));
        assertEquals(1, readout.count("stations-rejected"));
        unbuildable.set(null);
        Set<String> expected = VelibSourceConnectorIT.changedKeys("1035", "1037");
        expected.add("16107");
        assertEquals(expected, keys(poll(feed, snapshot("1037"))), "the station never sent is sent now");
    }

    @Test
    void aRestartFromTheShardedOffsetsResendsNothingUnchanged() throws Exception {
        List<SourceRecord> first = poll(feed(), snapshot("1035"));
        assertTrue(first.stream().map(SourceRecord::sourcePartition).distinct().count() > 1,
                "the digest is spread over several partitions");

        StationFeed<StationStatus> restarted = feed();

        assertEquals(List.of(), poll(restarted, snapshot("1035")), "same snapshot after the restart: nothing new");
        assertEquals(VelibSourceConnectorIT.changedKeys("1035", "1037"), keys(poll(restarted, snapshot("1037"))));
    }

    @Test
    void aSingleDigestOffsetOfAnEarlierVersionIsStillRead() throws Exception {
        FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);
        StationDiff.Result<StationStatus> diff = StationDiff.diff(Map.of(), parseStatus(parser, "1035"),
                StationStatus::key, StationStatus::fingerprint, false, List.of());
        committed.put(FeedSystem.partition(URL_KEY, kind), EmittedDigest.offset(
                Instant.parse("2024-12-15T10:35:00Z").toEpochMilli(), diff.emitted()));

        assertEquals(VelibSourceConnectorIT.changedKeys("1035", "1037"), keys(poll(feed(), snapshot("1037"))));
    }

    private static List<StationStatus> parseStatus(FeedParser parser, String time) {
        try {
            return parser.parseStatus(snapshot(time)).stations();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void retryAfterHoldsTheNextAttemptBackLongerThanTheBackoff() throws Exception {
        StationFeed<StationStatus> feed = feed();
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "120").build());

        assertEquals(List.of(), feed.pollIfDue(now, PARIS).records());

        assertEquals(now.plusSeconds(120), feed.due(), "not the 1 s backoff");
        assertEquals(1, readout.count("poll-errors"));
    }

    @Test
    void eachPollSaysHowManyFetchesInARowHaveFailed() {
        StationFeed<StationStatus> feed = feed();
        assertEquals(1, polled(feed, new MockResponse.Builder().code(500).build()).failedInARow());
        assertEquals(2, polled(feed, RecordedVelibServer.ok("{\"data\": [".getBytes(StandardCharsets.UTF_8)))
                .failedInARow());

        assertEquals(StationFeed.Poll.NOTHING, feed.pollIfDue(now, system),
                "within the backoff: nothing fetched, nothing failed");
        assertEquals(2, server.getRequestCount());

        StationFeed.Poll good = polled(feed, RecordedVelibServer.ok(snapshot("1035")));
        assertEquals(0, good.failedInARow());
        assertEquals(1486, good.records().size());
        assertEquals(1, polled(feed, new MockResponse.Builder().code(503).build()).failedInARow(),
                "counted again from the last good fetch");
    }

    @Test
    void aFeedNeverReachedIsCountedUntilItAnswers() throws Exception {
        StationFeed<StationStatus> feed = feed();
        poll(feed, new MockResponse.Builder().code(304).build());
        poll(feed, new MockResponse.Builder().code(500).build());

        assertEquals(1, readout.count("feeds-never-reached"));
        assertEquals(2, readout.count("max-consecutive-failures"));
        assertEquals(1486, poll(feed, snapshot("1035")).size());
        assertEquals(0, readout.count("feeds-never-reached"));
        assertEquals(0, readout.count("max-consecutive-failures"));
    }

    @Test
    void eachFailureIsCountedByCauseUnderTheFeedsUrlAndAMoveRemovesThem() {
        StationFeed<StationStatus> feed = feed(FeedKind.STATUS);
        Map<String, String> tag = Map.of(SourceTaskMetrics.FEED_TAG, feed.url());
        byte[] good = snapshot("1035");
        poll(feed, new MockResponse.Builder().code(500).build());
        assertEquals(500L, readout.value("last-http-status", tag));
        poll(feed, "{\"data\": [".getBytes(StandardCharsets.UTF_8));
        assertEquals(200L, readout.value("last-http-status", tag), "answered, but the body is unusable");
        poll(feed, new MockResponse.Builder().body(new Buffer().write(Arrays.copyOf(good, 5000)))
                .setHeader("Content-Length", good.length).onResponseBody(new SocketEffect.CloseSocket()).build());

        assertEquals(Map.of("network", 1L, "http-status", 1L, "bad-answer", 0L, "unusable-body", 1L, "unexpected", 0L),
                Arrays.stream(PollFailure.values()).collect(Collectors.toMap(cause -> cause.tag,
                        cause -> readout.value("poll-errors-" + cause.tag, tag))));
        assertEquals(-1L, readout.value("last-http-status", tag), "the body was cut short");
        assertEquals(3L, readout.value("consecutive-failures", tag));
        assertEquals(3L, readout.count("poll-errors"));

        assertEquals(1486, poll(feed, good).size());
        assertEquals(200L, readout.value("last-http-status", tag));
        assertEquals(0L, readout.value("consecutive-failures", tag));
        long feedAge = (Long) readout.value("feed-age-seconds", tag);
        assertTrue(feedAge > 0, "the snapshot is from 2024: " + feedAge);
        assertEquals(feedAge, readout.count("feed-age-seconds"), 60, "the task's only status feed is its oldest");

        feed.moveTo(server.url("/moved/station_status.json").toString());
        assertTrue(readout.names().stream().noneMatch(name -> name.tags().containsKey(SourceTaskMetrics.FEED_TAG)),
                "the old URL's figures are gone: " + readout.names());
        assertEquals(-1L, readout.count("feed-age-seconds"), "nor does the old URL's time count for the task");
        assertEquals(3L, readout.count("poll-errors"), "the task's totals stay");
    }
}

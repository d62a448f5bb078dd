package io.velibconnect.source;

import io.velibconnect.testing.PluginMetricsReadout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.GbfsClient;
import io.velibconnect.gbfs.HttpSettings;
import io.velibconnect.testing.BuiltFeeds;
import io.velibconnect.testing.RecordedVelibServer;
import io.velibconnect.testing.TestData;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A system that moves its feeds (Vélib' went from smoove.pro to smovengo.cloud): once station_status has failed
 * three times in a row, gbfs.json is read again and the source follows it, without re-sending unchanged stations.
 */
class FeedSystemTest {

    private static final String SERIES = RecordedVelibServer.SERIES;

    private final MockWebServer server = new MockWebServer();
    /** Where gbfs.json says the feeds are, and the only place they answer. */
    private final AtomicReference<String> feedsAt = new AtomicReference<>("/old/");
    /** Whether gbfs.json lists station_information. */
    private final AtomicBoolean listsInformation = new AtomicBoolean(true);
    /** The station_status snapshot served; null: 503. */
    private final AtomicReference<String> snapshot = new AtomicReference<>("1035");
    private final List<String> paths = new ArrayList<>();
    private final GbfsClient client = new GbfsClient(HttpSettings.defaults());
    private final FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);
    private final SourceTaskMetrics metrics = new SourceTaskMetrics(Clock.systemUTC(), new PluginMetricsReadout().plugin());
    private FeedSystem system;
    private Instant now = Instant.parse("2024-12-15T10:36:00Z");

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                synchronized (paths) {
                    paths.add(path);
                }
                String feeds = feedsAt.get();
                if (path.equals("/gbfs.json")) {
                    String gbfs = new String(BuiltFeeds.velibDiscoveryServedFrom(TestData.bytes(SERIES
                            + "gbfs.json"), server.url(feeds).toString()), StandardCharsets.UTF_8);
                    return RecordedVelibServer.ok((listsInformation.get() ? gbfs
                            : gbfs.replaceFirst("\\{\"name\":\"station_information\",\"url\":\"[^\"]*\"},", ""))
                            .getBytes(StandardCharsets.UTF_8));
                }
                if (path.equals(feeds + "station_status.json")) {
                    return snapshot.get() == null ? new MockResponse.Builder().code(503).build()
                            : RecordedVelibServer.ok(TestData.bytes(SERIES + "station_status_2024-12-15T"
                            + snapshot.get() + "Z.json"));
                }
                if (path.equals(feeds + "station_information.json")) {
                    return RecordedVelibServer.ok(TestData.bytes(SERIES
                            + "station_information_2024-12-15T1751Z.json"));
                }
                if (path.equals(feeds + "system_information.json")) {
                    return RecordedVelibServer.ok(TestData.bytes(SERIES + "system_information.json"));
                }
                return new MockResponse.Builder().code(404).build();
            }
        });
        server.start();
        SourceConfig config = new SourceConfig(Map.of("gbfs.url", server.url("/gbfs.json").toString()));
        system = new FeedSystem(client, parser, metrics, server.url("/gbfs.json").toString(), config,
                partition -> null);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** Polls an hour later each time: whatever backoff or ttl there is, every feed is due. */
    private List<SourceRecord> poll() {
        now = now.plus(Duration.ofHours(1));
        return system.poll(now);
    }

    private long requests(String path) {
        synchronized (paths) {
            return paths.stream().filter(path::equals).count();
        }
    }

    @Test
    void followsItsFeedsWhenGbfsJsonListsThemElsewhere() {
        assertEquals(1486 + 1486, poll().size(), "first poll: every status and every information");
        feedsAt.set("/new/");

        for (int failure = 1; failure < FeedSystem.REDISCOVER_AFTER_FAILURES; failure++) {
            assertEquals(List.of(), poll());
        }
        assertEquals(1, requests("/gbfs.json"), "a feed failing twice is not yet looked for elsewhere");
        assertEquals(List.of(), poll(), "the third failure reads gbfs.json again");
        assertEquals(2, requests("/gbfs.json"));

        assertEquals(List.of(), poll(), "the same snapshot from the new URL: nothing changed, nothing re-sent");
        assertEquals(1, requests("/new/station_status.json"));
        assertEquals(1, requests("/new/station_information.json"));
        snapshot.set("1037");
        List<SourceRecord> changed = poll();
        assertTrue(!changed.isEmpty() && changed.size() < 1486, changed.size() + " changed stations");
        assertEquals(2, requests("/new/station_status.json"));
        assertEquals(2, requests("/gbfs.json"), "a feed that answers again is not rediscovered");
    }

    @Test
    void anInformationFeedListedOnlyInTheNewGbfsJsonIsPolledToo() {
        listsInformation.set(false);
        assertEquals(1486, poll().size(), "no station_information listed: status only");
        feedsAt.set("/new/");
        listsInformation.set(true);
        for (int failure = 1; failure <= FeedSystem.REDISCOVER_AFTER_FAILURES; failure++) {
            assertEquals(List.of(), poll());
        }
        assertEquals(1486, poll().size(), "the status is unchanged; every station's information is new");
        assertEquals(1, requests("/new/station_information.json"));
    }

    @Test
    void aFeedThatIsDownWhereGbfsJsonStillListsItStaysThere() {
        assertEquals(1486 + 1486, poll().size());
        snapshot.set(null);
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of(), poll());
        }
        assertEquals(1 + 3, requests("/gbfs.json"), "read again after the 3rd, 4th and 5th failures");
        assertEquals(6, requests("/old/station_status.json"), "still polled where gbfs.json says it is");
    }
}

package io.velibconnect.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.source.VelibSourceConnectorIT.TopicReader;
import io.velibconnect.testing.BuiltFeeds;
import io.velibconnect.testing.PluginJmx;
import io.velibconnect.testing.RecordedVelibServer;
import io.velibconnect.testing.TestData;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.velibconnect.source.VelibSourceConnectorIT.changedKeys;
import static io.velibconnect.source.VelibSourceConnectorIT.keys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connector on a real broker and Connect worker against two fault-injecting servers: origin A serves
 * gbfs.json and system_information, and lists station_status on origin B. Each fault is served once, then the
 * next good snapshot; the task must stay RUNNING, deliver every good station, count the faults, and never send
 * the key to B nor show it anywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VelibSourceFaultsIT {

    private static final String CONNECTOR = "velib-faults";
    private static final String SECRET = "Bearer s3cret-9f2c";
    private static final String SERIES = RecordedVelibServer.SERIES;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer originA = new MockWebServer();
    private final MockWebServer originB = new MockWebServer();
    private final Queue<MockResponse> gbfsFaults = new ConcurrentLinkedQueue<>();
    private final Queue<MockResponse> statusFaults = new ConcurrentLinkedQueue<>();
    private final AtomicReference<MockResponse> status = new AtomicReference<>();
    private final AtomicInteger keysSentToB = new AtomicInteger();
    private final AtomicInteger keysSentToA = new AtomicInteger();
    private EmbeddedConnectCluster connect;
    private TopicReader topic;

    @BeforeAll
    void start() throws Exception {
        originA.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (SECRET.equals(request.getHeaders().get("X-Api-Key"))) {
                    keysSentToA.incrementAndGet();
                }
                return switch (request.getUrl().encodedPath()) {
                    case "/gbfs.json" -> {
                        MockResponse fault = gbfsFaults.poll();
                        yield fault != null ? fault : RecordedVelibServer.ok(gbfsJson());
                    }
                    case "/system_information.json" -> new MockResponse.Builder().code(304).build();
                    default -> new MockResponse.Builder().code(404).build();
                };
            }
        });
        originB.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getHeaders().get("X-Api-Key") != null) {
                    keysSentToB.incrementAndGet();
                }
                MockResponse fault = statusFaults.poll();
                return fault != null ? fault : status.get();
            }
        });
        originA.start();
        originB.start();
        connect = VelibSourceConnectorIT.startCluster(Map.of());
        topic = new TopicReader(connect, "faults-status", Map.of());
    }

    @AfterAll
    void stop() {
        topic.close();
        connect.stop();
        originA.close();
        originB.close();
    }

    /** GBFS 2.x discovery on A listing station_status on B. */
    private byte[] gbfsJson() {
        return ("{\"last_updated\":1734255053,\"ttl\":0,\"version\":\"2.3\",\"data\":{\"en\":{\"feeds\":["
                + "{\"name\":\"system_information\",\"url\":\"" + originA.url("/system_information.json") + "\"},"
                + "{\"name\":\"station_status\",\"url\":\"" + originB.url("/station_status.json") + "\"}]}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, String> config() {
        Map<String, String> config = VelibSourceConnectorIT.connectorConfig(originA.url("/gbfs.json").toString());
        config.put("status.topic", "faults-status");
        config.put("information.topic", "");
        config.put("http.auth.header", "X-Api-Key");
        config.put("http.auth.value", SECRET);
        return config;
    }

    private static byte[] snapshot(String time) {
        return TestData.bytes(SERIES + "station_status_2024-12-15T" + time + "Z.json");
    }

    private static MockResponse ok(byte[] body) {
        return RecordedVelibServer.ok(body);
    }

    private void assertRunning(String after) throws InterruptedException {
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, "not running after " + after);
    }

    private static long metric(String name) throws Exception {
        return PluginJmx.count(PluginJmx.task(CONNECTOR), name);
    }

    private static String lastError() throws Exception {
        return (String) PluginJmx.value(PluginJmx.task(CONNECTOR), "last-error");
    }

    @Test
    @Order(1)
    void discoveryFaultsAreRetriedUntilGbfsJsonAnswers() throws Exception {
        gbfsFaults.add(new MockResponse.Builder().code(304).build());
        gbfsFaults.add(new MockResponse.Builder().body(new Buffer().write(gbfsJson()))
                .setHeader("Content-Length", "-5").build());
        gbfsFaults.add(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
        status.set(ok(snapshot("1035")));

        connect.configureConnector(CONNECTOR, config());

        assertEquals(1486, keys(topic.read(1486)).size(), "every station, once discovery got through");
        assertRunning("discovery faults");
        assertTrue(gbfsFaults.isEmpty());
        assertTrue(metric("poll-errors") >= 3, "discovery faults counted");
        assertEquals(0, metric("feeds-never-reached"));
        assertTrue(keysSentToA.get() >= 1, "the configured origin gets the key");
        assertEquals(0, keysSentToB.get(), "a feed gbfs.json lists on another origin never gets it");
    }

    @Test
    @Order(2)
    void httpFaultsAndAFutureSnapshotLeaveTheTaskRunningAndTheNextSnapshotDelivers() throws Exception {
        long errorsBefore = metric("poll-errors");
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        byte[] good = snapshot("1037");
        List<MockResponse> faults = List.of(
                new MockResponse.Builder().code(304).build(),
                new MockResponse.Builder().body(new Buffer().write(good)).setHeader("Content-Length", "-5").build(),
                new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build(),
                new MockResponse.Builder().status("HTTP/1.1 503 Busy\u001b[2J").addHeader("Retry-After", inTwoSeconds)
                        .build(),
                new MockResponse.Builder().body(new Buffer().write(java.util.Arrays.copyOf(good, 5000)))
                        .setHeader("Content-Length", good.length).onResponseBody(new SocketEffect.CloseSocket())
                        .build(),
                new MockResponse.Builder().body(new Buffer().write(good)).throttleBody(1024, 100,
                        TimeUnit.MILLISECONDS).build(),
                new MockResponse.Builder().code(302).addHeader("Location", "file:///etc/passwd").build(),
                new MockResponse.Builder().code(302).addHeader("Location", "ftp://127.0.0.1/station_status.json")
                        .build(),
                ok(BuiltFeeds.velibWithoutStations(good, Set.of(), 30_800_000_000L)));
        statusFaults.addAll(faults);
        status.set(ok(good));

        Set<String> expected = changedKeys("1035", "1037");
        assertEquals(expected, keys(topic.read(expected.size())));
        topic.assertNothingMore();

        assertRunning("HTTP faults");
        assertTrue(statusFaults.isEmpty());
        assertTrue(metric("poll-errors") - errorsBefore >= faults.size() - 1, "each failed fetch counted");
        assertEquals(1, metric("future-snapshots"));
        assertEquals(0, keysSentToB.get());
        assertFalse(lastError().contains("\u001b"), "the reason phrase is escaped: " + lastError());
    }

    @Test
    @Order(3)
    void staleDuplicateAndVanishingStationsAreHandledStationByStation() throws Exception {
        statusFaults.add(ok(snapshot("1035")));
        status.set(ok(snapshot("1308")));
        Set<String> expected = changedKeys("1037", "1308");
        assertEquals(expected, keys(topic.read(expected.size())), "the stale snapshot is skipped");
        assertTrue(metric("stale-snapshots") >= 1);

        Set<String> changed = changedKeys("1308", "1313");
        List<StationStatus> stations = new FeedParser("en", FeedLimits.DEFAULTS).parseStatus(snapshot("1313")).stations();
        String duplicated = stations.stream().map(StationStatus::key).filter(k -> !changed.contains(k))
                .findFirst().orElseThrow();
        long rejectedBefore = metric("stations-rejected");
        status.set(ok(withDuplicate(snapshot("1313"), duplicated)));
        assertEquals(changed, keys(topic.read(changed.size())), "the duplicate alone is left out");
        topic.assertNothingMore();
        assertTrue(metric("stations-rejected") > rejectedBefore, "the duplicate is counted");

        String vanishing = stations.get(0).key();
        status.set(ok(BuiltFeeds.velibWithoutStations(snapshot("1313"), Set.of(vanishing), 60)));
        List<ConsumerRecord<byte[], byte[]>> tombstone = topic.read(1);
        assertEquals(vanishing, TopicReader.key(tombstone.get(0)));
        assertEquals(null, tombstone.get(0).value());

        status.set(ok(snapshot("1319")));
        Set<String> back = new HashSet<>(changedKeys("1313", "1319"));
        back.add(vanishing);
        assertEquals(back, keys(topic.read(back.size())), "the station that returned is sent again");
        topic.assertNothingMore();
        assertRunning("content faults");
    }

    @Test
    @Order(5)
    void unrepresentableStationsAreRejectedAloneAndUnusableBodiesSkippedWhole() throws Exception {
        // four stations that changed from 13:19 to 14:52 are made into stations no record can hold
        Set<String> changed = changedKeys("1319", "1452");
        List<String> spoiled = changed.stream().sorted().limit(4).toList();
        long rejectedBefore = metric("stations-rejected");
        status.set(ok(spoiled(snapshot("1452"), spoiled)));
        Set<String> good = new HashSet<>(changed);
        spoiled.forEach(good::remove);
        assertEquals(good, keys(topic.read(good.size())), "every good change of the snapshot arrives");
        topic.assertNothingMore();
        assertTrue(metric("stations-rejected") - rejectedBefore >= spoiled.size(), "the bad stations are counted");

        long errorsBefore = metric("poll-errors");
        byte[] next = snapshot("1453");
        statusFaults.add(ok(concat(next, " {\"data\":{}}".getBytes(StandardCharsets.UTF_8))));
        statusFaults.add(ok(new String(next, StandardCharsets.UTF_8).replaceFirst("\"lastUpdatedOther\":\\d+",
                "\"lastUpdatedOther\":18446744073709551617").getBytes(StandardCharsets.UTF_8)));
        statusFaults.add(ok(emptyStations(8 * 1024 * 1024)));
        status.set(ok(next));
        // the spoiled stations were last sent as of 13:19, the others as of 14:52
        Map<String, Long> sent = contents("1452");
        Map<String, Long> at1319 = contents("1319");
        spoiled.forEach(key -> sent.put(key, at1319.get(key)));
        Set<String> expected = new HashSet<>();
        contents("1453").forEach((key, content) -> {
            if (!content.equals(sent.get(key))) {
                expected.add(key);
            }
        });
        assertEquals(expected, keys(topic.read(expected.size())), "after the unusable bodies, the next snapshot");
        topic.assertNothingMore();
        assertTrue(metric("poll-errors") - errorsBefore >= 3, "trailing content, a time beyond 2^64, 8 MB of {}");
        assertTrue(statusFaults.isEmpty());
        assertRunning("unrepresentable stations and unusable bodies");
    }

    private static Map<String, Long> contents(String time) throws Exception {
        Map<String, Long> contents = new java.util.HashMap<>();
        new FeedParser("en", FeedLimits.DEFAULTS).parseStatus(snapshot(time)).stations()
                .forEach(s -> contents.put(s.key(), s.fingerprint()));
        return contents;
    }

    /**
     * The body with these stations made unrepresentable, one way each: a 70,000-character stationCode,
     * last_reported 1e16, a negative bike count, bike-type parts whose sum overflows an int.
     */
    private static byte[] spoiled(byte[] body, List<String> keys) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(body);
        for (JsonNode node : root.path("data").path("stations")) {
            ObjectNode station = (ObjectNode) node;
            int which = keys.indexOf(station.path("stationCode").asText());
            switch (which) {
                case 0 -> station.put("stationCode", "7".repeat(70_000));
                case 1 -> station.put("last_reported", 1e16);
                case 2 -> station.put("num_bikes_available", -3);
                case 3 -> station.set("num_bikes_available_types", JSON.readTree(
                        "[{\"mechanical\":2147483647},{\"ebike\":1}]"));
                default -> {
                }
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    /** A Vélib'-shaped status body of about {@code bytes} bytes of empty station objects. */
    private static byte[] emptyStations(int bytes) {
        StringBuilder body = new StringBuilder(bytes + 100)
                .append("{\"lastUpdatedOther\":1734290000,\"ttl\":0,\"data\":{\"stations\":[{}");
        while (body.length() < bytes) {
            body.append(",{}");
        }
        return body.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** The body with the station of {@code key} listed a second time. */
    private static byte[] withDuplicate(byte[] body, String key) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(body);
        ArrayNode list = (ArrayNode) root.path("data").path("stations");
        for (int i = 0; i < list.size(); i++) {
            if (key.equals(list.get(i).path("stationCode").asText())) {
                list.add(list.get(i).deepCopy());
                break;
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    @Test
    @Order(4)
    void theSecretShowsNowhere() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String value : List.of(SECRET, SECRET + "\nX-Injected: 1")) {
            Map<String, String> config = config();
            config.put("http.auth.value", value);
            String body = JSON.writeValueAsString(config);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(connect.endpointForResource(
                    "connector-plugins/" + VelibSourceConnector.class.getSimpleName() + "/config/validate")))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertFalse(response.body().contains("s3cret"), response.body());
            assertEquals(value.equals(SECRET), !response.body().contains("cannot carry"), response.body());
        }
        assertFalse(lastError().contains("s3cret"));
        assertFalse(connect.connectorStatus(CONNECTOR).toString().contains("s3cret"));
        assertEquals(0, keysSentToB.get());
    }
}

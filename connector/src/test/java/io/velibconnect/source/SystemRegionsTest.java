package io.velibconnect.source;

import io.velibconnect.testing.PluginMetricsReadout;

import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.GbfsClient;
import io.velibconnect.gbfs.HttpSettings;
import io.velibconnect.records.StationSchemas;
import io.velibconnect.testing.RecordedVelibServer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A GBFS 2.3 system of three stations in two regions, without system_information: region names come from
 * system_regions, whose failures never hold back station information, and the system is named by its URL.
 */
class SystemRegionsTest {

    private final MockWebServer server = new MockWebServer();
    /** The system_regions body served; null: HTTP 500. */
    private final AtomicReference<String> regions = new AtomicReference<>(regions("South"));
    private final AtomicLong informationTime = new AtomicLong(1_700_000_000L);
    private final GbfsClient client = new GbfsClient(HttpSettings.defaults());
    private final SourceTaskMetrics metrics = new SourceTaskMetrics(Clock.systemUTC(), new PluginMetricsReadout().plugin());
    private FeedSystem system;
    private Instant now = Instant.parse("2024-12-15T10:00:00Z");

    private static String regions(String secondName) {
        return "{\"last_updated\":1700000000,\"ttl\":0,\"version\":\"2.3\",\"data\":{\"regions\":["
                + "{\"region_id\":\"r1\",\"name\":\"North\"},{\"region_id\":\"r2\",\"name\":\"" + secondName + "\"}]}}";
    }

    private String information() {
        return "{\"last_updated\":" + informationTime.get() + ",\"ttl\":0,\"version\":\"2.3\",\"data\":{\"stations\":["
                + "{\"station_id\":\"a\",\"name\":\"A\",\"lat\":1,\"lon\":2,\"region_id\":\"r1\"},"
                + "{\"station_id\":\"b\",\"name\":\"B\",\"lat\":1,\"lon\":2,\"region_id\":\"r2\"},"
                + "{\"station_id\":\"c\",\"name\":\"C\",\"lat\":1,\"lon\":2}]}}";
    }

    private String gbfsJson() {
        return "{\"last_updated\":1700000000,\"ttl\":0,\"version\":\"2.3\",\"data\":{\"en\":{\"feeds\":["
                + "{\"name\":\"station_status\",\"url\":\"" + server.url("/sys/station_status.json") + "\"},"
                + "{\"name\":\"station_information\",\"url\":\"" + server.url("/sys/station_information.json") + "\"},"
                + "{\"name\":\"system_regions\",\"url\":\"" + server.url("/sys/system_regions.json") + "\"}]}}}";
    }

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = switch (request.getUrl().encodedPath()) {
                    case "/sys/gbfs.json" -> gbfsJson();
                    case "/sys/station_status.json" -> "{\"last_updated\":1700000000,\"ttl\":0,\"data\":{\"stations\":"
                            + "[{\"station_id\":\"a\",\"num_bikes_available\":1}]}}";
                    case "/sys/station_information.json" -> information();
                    case "/sys/system_regions.json" -> regions.get();
                    default -> null;
                };
                return body == null ? new MockResponse.Builder().code(500).build()
                        : RecordedVelibServer.ok(body.getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        String url = server.url("/sys/gbfs.json").toString();
        system = new FeedSystem(client, new FeedParser("en", FeedLimits.DEFAULTS), metrics, url, new SourceConfig(Map.of("gbfs.url", url)),
                partition -> null);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** Region name by station of the information records of one poll an hour later (every feed due). */
    private Map<String, String> informationPoll() {
        now = now.plus(Duration.ofHours(1));
        Map<String, String> names = new TreeMap<>();
        for (SourceRecord record : system.poll(now)) {
            Struct value = (Struct) record.value();
            assertEquals(server.getHostName() + ":" + server.getPort() + "/sys",
                    value.getString(StationSchemas.SYSTEM_ID), "no system_information: named by the URL");
            if (value.schema() == StationSchemas.INFORMATION) {
                names.put((String) record.key(), String.valueOf(value.getString(StationSchemas.REGION_NAME)));
            }
        }
        return names;
    }

    @Test
    void informationRecordsNameTheirRegionAndARenamedRegionReEmitsItsStationsOnly() {
        assertEquals(Map.of("a", "North", "b", "South", "c", "null"), informationPoll());
        regions.set(regions("Sud"));
        informationTime.addAndGet(60);

        assertEquals(Map.of("b", "Sud"), informationPoll());
    }

    @Test
    void aFailingOrMalformedSystemRegionsNeverHoldsBackStationInformation() {
        regions.set(null);
        assertEquals(Map.of("a", "null", "b", "null", "c", "null"), informationPoll());

        regions.set("{\"data\":{\"regions\":[{\"region_id\":\"r1\",\"name\":\"North\"},");
        informationTime.addAndGet(60);
        assertEquals(Map.of(), informationPoll(), "no names read yet: nothing changed");

        regions.set(regions("South"));
        informationTime.addAndGet(60);
        assertEquals(Map.of("a", "North", "b", "South"), informationPoll());

        regions.set("not json");
        informationTime.addAndGet(60);
        assertEquals(Map.of(), informationPoll(), "the names last read are kept");
    }

    @Test
    void aSystemWithoutSystemInformationIsNamedByHostAndPathOfItsConfiguredUrl() {
        assertEquals("gbfs.nextbike.net/maps/gbfs/v2/nextbike_bn",
                FeedSystem.fallbackId("https://gbfs.nextbike.net/maps/gbfs/v2/nextbike_bn/gbfs.json"));
        assertEquals("gbfs.nextbike.net/maps/gbfs/v2/nextbike_zz",
                FeedSystem.fallbackId("https://gbfs.nextbike.net/maps/gbfs/v2/nextbike_zz/gbfs.json?key=s3cret"));
        assertEquals("127.0.0.1:8000/bicing",
                FeedSystem.fallbackId("http://127.0.0.1:8000/bicing/station_status.json"));
        assertEquals("feeds.example/v2", FeedSystem.fallbackId("http://feeds.example/v2/"));
        assertEquals("feeds.example/en/discovery", FeedSystem.fallbackId("https://feeds.example/en/discovery"));
        assertEquals("feeds.example", FeedSystem.fallbackId("https://feeds.example/gbfs"));
    }
}

package io.velibconnect.source;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogueWatchTest {

    private static final String HEADER = "Country Code,Name,Location,System ID,URL,Auto-Discovery URL\n";
    private static final String BICING = "ES,Bicing,Barcelona,bicing,,https://bicing/gbfs.json\n";
    private static final String VELIB = "FR,Vélib',Paris,velib,,https://velib/gbfs.json\n";
    private static final String LYON = "FR,Vélo'v,Lyon,lyon,,https://lyon/gbfs.json\n";

    @TempDir
    Path dir;
    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger changes = new AtomicInteger();
    private CatalogueWatch watch;

    @AfterEach
    void close() throws Exception {
        if (watch != null) {
            watch.close();
        }
        server.close();
    }

    private CatalogueWatch watch(String location, Map<String, String> extra) {
        Map<String, String> props = new java.util.HashMap<>(Map.of("gbfs.catalog", location,
                "station.key", "system-code", "gbfs.catalog.countries", "FR", "retry.backoff.ms", "50"));
        props.putAll(extra);
        watch = new CatalogueWatch(new SourceConfig(props), changes::incrementAndGet);
        return watch;
    }

    private Path file(String body) throws Exception {
        return Files.writeString(dir.resolve("systems.csv"), body, StandardCharsets.UTF_8);
    }

    @Test
    void onlyAChangeInTheChosenSystemsIsReported() throws Exception {
        Path csv = file(HEADER + VELIB + BICING);
        CatalogueWatch watch = watch(csv.toString(), Map.of());
        assertNull(watch.choice());

        watch.read();
        assertEquals(List.of("https://velib/gbfs.json"), watch.choice().urls());
        assertEquals(2, watch.choice().listed());
        assertEquals(1, changes.get());

        file(HEADER + BICING + VELIB + "ES,Other,Madrid,madrid,,https://madrid/gbfs.json\n");
        watch.read();
        assertEquals(1, changes.get(), "other countries' changes and row order choose the same systems");

        file(HEADER + LYON + VELIB);
        watch.read();
        assertEquals(List.of("https://lyon/gbfs.json", "https://velib/gbfs.json"), watch.choice().urls());
        assertEquals(2, changes.get());
    }

    @Test
    void anUnreadableCatalogueKeepsTheSystemsChosenBefore() throws Exception {
        Path csv = file(HEADER + VELIB);
        CatalogueWatch watch = watch(csv.toString(), Map.of("gbfs.catalog.max.bytes", "1024",
                "gbfs.catalog.max.systems", "3"));
        watch.read();
        for (String broken : List.of("Name,URL\nx,y\n", HEADER + VELIB + LYON + BICING + BICING,
                HEADER + VELIB + "#".repeat(2000) + "\n")) {
            file(broken);
            watch.read();
            assertEquals(List.of("https://velib/gbfs.json"), watch.choice().urls(), broken);
        }
        Files.delete(csv);
        watch.read();
        assertEquals(List.of("https://velib/gbfs.json"), watch.choice().urls());
        assertEquals(1, changes.get());
    }

    @Test
    void aCatalogueUnreadableAtStartIsRetriedSoonerThanTheRefreshAndThenRead() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().body("not a catalogue").build());
        server.enqueue(new MockResponse.Builder().body(HEADER + VELIB).build());
        server.start();
        CountDownLatch chosen = new CountDownLatch(1);
        watch = new CatalogueWatch(new SourceConfig(Map.of("gbfs.catalog", server.url("/systems.csv").toString(),
                "station.key", "system-code", "retry.backoff.ms", "20", "gbfs.catalog.refresh.ms", "300000")),
                chosen::countDown);
        watch.start();

        assertTrue(chosen.await(30, TimeUnit.SECONDS), "read after two failures, long before the refresh");
        assertEquals(List.of("https://velib/gbfs.json"), watch.choice().urls());
        assertEquals(3, server.getRequestCount(), "two failures, one read, and none more before the refresh");
    }

    @Test
    void theReadAfterAnETagIsConditionalAndA304KeepsTheChoice() throws Exception {
        server.enqueue(new MockResponse.Builder().body(HEADER + VELIB).setHeader("ETag", "\"v1\"").build());
        server.enqueue(new MockResponse.Builder().code(304).build());
        server.start();
        CatalogueWatch watch = watch(server.url("/systems.csv").toString(), Map.of());
        watch.read();
        server.takeRequest();

        watch.read();
        RecordedRequest conditional = server.takeRequest();
        assertEquals("\"v1\"", conditional.getHeaders().get("If-None-Match"));
        assertEquals(List.of("https://velib/gbfs.json"), watch.choice().urls());
    }
}

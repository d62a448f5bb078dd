package io.velibconnect.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code velib-connect demo … --output json --exit-after-idle …} offline, each run a real broker and worker in this
 * JVM (about 25 s each, so the options are combined into three runs): the shipped snapshots replayed with the seed's
 * two stations; replayed with every station and another metadata CSV; and another system's recorded feed
 * ({@code --gbfs-url}). The expected totals are computed here from the very documents the demo served.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OSLO = "other-systems/oslo-bysykkel/";

    @TempDir
    Path runDir;

    /**
     * The last snapshot (17:51Z): station 16107 alone in 75016 with 11 bikes (2 mechanical, 9 electric) and 24
     * docks, station 32017 alone in 93200 with 8 (5, 3) and 9; capacities from the shipped station_information.
     */
    @Test
    @Order(1)
    void replayedDemoPrintsTheSeedPostcodesTotalsAndExitsWhenIdle() throws IOException {
        Run run = demo("--replay", "--replay-step", "2", "--output", "json", "--exit-after-idle", "8");

        String information = RecordedSnapshots.load().stationInformation();
        assertEquals(Set.of("75016", "93200"), run.last().keySet(), run::toString);
        assertTotals(run.last().get("75016"), "Paris", 11, 2, 9, 24, capacityOf(information, "16107"));
        assertTotals(run.last().get("93200"), "Saint-Denis", 8, 5, 3, 9, capacityOf(information, "32017"));
        assertTrue(run.progress().contains("Replaying the recorded Vélib' snapshots"), run::toString);
        assertTrue(run.progress().contains("Kafka's own logs go to " + runDir.resolve("kafka.log")), run::toString);
        assertTrue(run.progress().contains("Replay finished: 6 snapshots; totals are final"), run::toString);
        assertTrue(Files.size(runDir.resolve("kafka.log")) > 0, "Kafka's logs went to the run dir's kafka.log");
    }

    /**
     * {@code --all-stations --metadata-csv}: the seed's CSV with station 16107 moved to a made-up postcode 99999;
     * the last totals of every group equal a fresh computation from the last replayed snapshot and that CSV.
     */
    @Test
    @Order(2)
    void allStationsWithAnotherMetadataCsvMatchAFreshComputation() throws IOException {
        String seed = Files.readString(ShippedConfig.shippedMetadataCsv(Files.createDirectories(runDir.resolve("seed"))));
        String moved = seed.replace("\n16107,213688169,75016,Paris\n", "\n16107,213688169,99999,Testville\n");
        assertTrue(!moved.equals(seed), "the seed CSV has 16107's row");
        Path csv = Files.writeString(runDir.resolve("moved.csv"), moved);

        Run run = demo("--replay", "--replay-step", "2", "--all-stations", "--metadata-csv", csv.toString(),
                "--output", "json", "--exit-after-idle", "8");

        RecordedSnapshots snapshots = RecordedSnapshots.load();
        String lastStatus = new String(snapshots.statuses().get(snapshots.statuses().size() - 1), StandardCharsets.UTF_8);
        Map<String, List<Long>> expected = FreshTotals.of(lastStatus, snapshots.stationInformation(), csv);
        assertTrue(expected.size() > 80, "postcodes expected: " + expected.keySet());
        assertEquals(expected, FreshTotals.printed(run.last()), run::toString);
        assertEquals("Testville", run.last().get("99999").path("city").asText());
        assertEquals(1, run.last().get("99999").path("stations").asInt());
    }

    /**
     * {@code --gbfs-url}: Oslo Bysykkel's recorded station_status (260 stations) served here, its information beside
     * it; no CSV row matches an Oslo station and Oslo has no post_code, so all of them are in the unknown group.
     */
    @Test
    @Order(3)
    void anotherSystemsFeedIsTotalledInTheUnknownGroup() throws IOException {
        String status = Files.readString(testData(OSLO + "status-2022-10-23_2.2/station_status_2022-10-23T1903Z.json"));
        String information = Files.readString(testData(OSLO + "station_information.json"));
        HttpServer feed = serve(Map.of("/station_status.json", status, "/station_information.json", information));
        try {
            String url = "http://127.0.0.1:" + feed.getAddress().getPort() + "/station_status.json";
            Run run = demo("--gbfs-url", url, "--output", "json", "--exit-after-idle", "8");

            Map<String, List<Long>> expected = FreshTotals.of(status, information, ShippedConfig.shippedMetadataCsv(runDir));
            assertEquals(Set.of(FreshTotals.UNKNOWN), expected.keySet());
            assertEquals(260L, expected.get(FreshTotals.UNKNOWN).get(0));
            assertEquals(expected, FreshTotals.printed(run.last()), run::toString);
            assertTrue(run.progress().contains("Polling " + url), run::toString);
        } finally {
            feed.stop(0);
        }
    }

    /**
     * What one demo run printed: the last JSON totals of each postcode, the progress lines. (Kafka's log file is the
     * first run's in this JVM: log4j is configured once per process.)
     */
    private record Run(Map<String, JsonNode> last, String progress) {
    }

    private Run demo(String... options) {
        List<String> args = new ArrayList<>(List.of("demo"));
        args.addAll(List.of(options));
        args.addAll(List.of("--run-dir", runDir.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String progress = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, progress);
        Map<String, JsonNode> last = new TreeMap<>();
        try {
            for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
                JsonNode totals = JSON.readTree(line);
                last.put(totals.get("postcode").asText(), totals);
            }
            return new Run(last, progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertTotals(JsonNode totals, String city, long bikes, long mechanical, long electric,
                                     long docks, long capacity) {
        assertEquals(city, totals.get("city").asText(), totals::toString);
        assertEquals(1, totals.get("stations").asInt(), totals::toString);
        assertEquals(bikes, totals.get("total_bikes_available").asLong(), totals::toString);
        assertEquals(mechanical, totals.get("total_mechanical_bikes").asLong(), totals::toString);
        assertEquals(electric, totals.get("total_electric_bikes").asLong(), totals::toString);
        assertEquals(docks, totals.get("total_docks_available").asLong(), totals::toString);
        assertEquals(capacity, totals.get("total_capacity").asLong(), totals::toString);
    }

    private static long capacityOf(String information, String stationCode) {
        try {
            for (JsonNode station : JSON.readTree(information).path("data").path("stations")) {
                if (stationCode.equals(station.path("stationCode").asText())) {
                    return station.path("capacity").asLong();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no station " + stationCode + " in the shipped station_information");
    }

    /** A recorded feed under the checkout's {@code testdata/}, which surefire names in {@code testdata.dir}. */
    private static Path testData(String relative) {
        String root = System.getProperty("testdata.dir");
        if (root == null) {
            throw new IllegalStateException("system property testdata.dir is not set: run this test with Maven");
        }
        Path file = Path.of(root, relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing from the checkout's testdata/");
        }
        return file;
    }

    /** A recorded feed on 127.0.0.1 (the JDK's server, as the launcher's ReplayServer uses). */
    private static HttpServer serve(Map<String, String> documents) throws IOException {
        Map<String, byte[]> bodies = new HashMap<>();
        documents.forEach((path, body) -> bodies.put(path, body.getBytes(StandardCharsets.UTF_8)));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange; InputStream ignored = exchange.getRequestBody()) {
                byte[] body = bodies.get(exchange.getRequestURI().getPath());
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return server;
    }
}

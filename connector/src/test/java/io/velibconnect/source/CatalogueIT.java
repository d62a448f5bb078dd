package io.velibconnect.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.velibconnect.testing.TestData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The source following a served systems.csv: the recorded feeds of four systems behind loopback gbfs.json
 * documents, a catalogue that changes while the connector runs. Each status request answers a newer last_updated
 * and the connector emits every station of every update, so a system still polled keeps producing records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogueIT {

    private static final String CONNECTOR = "catalogue-source";
    private static final String TOPIC = "catalogue-status";
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** No status request to a system for this long: no task polls it (tasks poll every 500 ms). */
    private static final Duration SILENCE = Duration.ofSeconds(4);
    private static final Map<String, String> STATUS_FILES = Map.of(
            "bicing", "other-systems/bicing/station_status_2022-04-19T0606Z.json",
            "bixi", "other-systems/bixi/station_status_2025-05-18T1445Z.json",
            "oslo-bysykkel", "other-systems/oslo-bysykkel/status-2022-10-23_2.2/station_status_2022-10-23T1903Z.json",
            "baywheels", "other-systems/baywheels/station_status.json");
    private static final Pattern LAST_UPDATED = Pattern.compile("\"last_updated\"\\s*:\\s*(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Long> lastStatusRequest = new ConcurrentHashMap<>();
    private final Map<String, Integer> requests = new ConcurrentHashMap<>();
    private final AtomicLong updates = new AtomicLong();
    private volatile String catalogue;
    private HttpServer server;
    private EmbeddedConnectCluster connect;
    private KafkaConsumer<byte[], byte[]> consumer;

    @BeforeAll
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
        connect = VelibSourceConnectorIT.startCluster(Map.of());
        connect.kafka().createTopic(TOPIC, 1);
        consumer = connect.kafka().createConsumer(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    }

    @AfterAll
    void stop() {
        consumer.close();
        connect.stop();
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String row(String country, String systemId) {
        return country + ",\"" + systemId + ", a system\",Somewhere," + systemId + ",https://" + systemId
                + ".example," + base() + "/" + systemId + "/gbfs.json,2.2,,,\n";
    }

    private void serveCatalogue(String... rows) {
        catalogue = "Country Code,Name,Location,System ID,URL,Auto-Discovery URL,Supported Versions,"
                + "Authentication Info URL,Authentication Type,Authentication Parameter Name\n" + String.join("", rows);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.merge(path, 1, Integer::sum);
        String[] parts = path.substring(1).split("/");
        byte[] body = null;
        if (path.equals("/systems.csv")) {
            body = catalogue.getBytes(StandardCharsets.UTF_8);
        } else if (parts.length == 2 && STATUS_FILES.containsKey(parts[0])) {
            body = systemFile(parts[0], parts[1]);
        }
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
        } else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private byte[] systemFile(String system, String file) {
        String dir = base() + "/" + system + "/";
        return switch (file) {
            case "gbfs.json" -> ("{\"last_updated\":1,\"ttl\":0,\"data\":{\"en\":{\"feeds\":["
                    + "{\"name\":\"system_information\",\"url\":\"" + dir + "system_information.json\"},"
                    + "{\"name\":\"station_status\",\"url\":\"" + dir + "station_status.json\"}]}}}")
                    .getBytes(StandardCharsets.UTF_8);
            case "system_information.json" -> ("{\"last_updated\":1,\"ttl\":0,\"data\":{\"system_id\":\"" + system
                    + "\",\"language\":\"en\",\"name\":\"" + system + "\",\"timezone\":\"UTC\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            case "station_status.json" -> {
                lastStatusRequest.put(system, System.nanoTime());
                String recorded = new String(TestData.bytes(STATUS_FILES.get(system)), StandardCharsets.UTF_8);
                Matcher time = LAST_UPDATED.matcher(recorded);
                assertTrue(time.find());
                // a newer update on every request
                long updated = Long.parseLong(time.group(1)) + updates.incrementAndGet();
                yield (recorded.substring(0, time.start(1)) + updated + recorded.substring(time.end(1)))
                        .getBytes(StandardCharsets.UTF_8);
            }
            default -> null;
        };
    }

    private Map<String, String> connectorConfig() {
        Map<String, String> config = VelibSourceConnectorIT.connectorConfig("");
        config.remove("gbfs.url");
        config.put("tasks.max", "2");
        config.put("gbfs.catalog", base() + "/systems.csv");
        config.put("gbfs.catalog.countries", "ES,NO,US");
        config.put("gbfs.catalog.systems", "bicing,oslo-bysykkel,baywheels,broken");
        config.put("gbfs.catalog.refresh.ms", "500");
        config.put("station.key", "system-code");
        config.put("status.topic", TOPIC);
        config.put("information.topic", "");
        config.put("poll.interval.ms", "500");
        config.put("emit", "all");
        return config;
    }

    @Test
    @Order(1)
    void theFiltersChooseTheSystemsPolled() throws Exception {
        // bixi is of another country, citibike is no chosen System ID (and not served); broken is chosen but its
        // gbfs.json answers 404, and it shares a task with bicing (the split follows System IDs)
        serveCatalogue(row("ES", "bicing"), row("CA", "bixi"), row("NO", "oslo-bysykkel"), row("US", "citibike"),
                row("ES", "broken"));
        connect.configureConnector(CONNECTOR, connectorConfig());
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "three systems, two tasks");

        Map<String, Long> produced = recordsBySystem(0, Set.of("bicing", "oslo-bysykkel"));

        assertTrue(produced.getOrDefault("bicing", 0L) >= 2 * 260, produced::toString);
        assertEquals(Set.of("bicing", "oslo-bysykkel"), produced.keySet(), produced::toString);
        assertFalse(requests.keySet().stream().anyMatch(p -> p.startsWith("/bixi/") || p.startsWith("/citibike/")),
                requests::toString);
        assertTrue(requests.getOrDefault("/broken/gbfs.json", 0) >= 2, "a failing discovery is retried: " + requests);
    }

    @Test
    @Order(2)
    void aSystemAddedToTheCatalogueStartsProducing() throws Exception {
        long from = endOffset();
        serveCatalogue(row("ES", "bicing"), row("CA", "bixi"), row("NO", "oslo-bysykkel"), row("US", "citibike"),
                row("ES", "broken"), row("US", "baywheels"));

        Map<String, Long> produced = recordsBySystem(from, Set.of("baywheels", "bicing", "oslo-bysykkel"));

        assertEquals(Set.of("baywheels", "bicing", "oslo-bysykkel"), produced.keySet(), produced::toString);
        assertTrue(produced.get("baywheels") >= 2 * 260, produced::toString);
    }

    @Test
    @Order(3)
    void aSystemRemovedFromTheCatalogueStopsProducing() throws Exception {
        serveCatalogue(row("NO", "oslo-bysykkel"), row("US", "baywheels"), row("ES", "broken"));
        awaitUnpolled("bicing");

        long from = endOffset();
        Map<String, Long> produced = recordsBySystem(from, Set.of("oslo-bysykkel", "baywheels"));

        assertEquals(Set.of("oslo-bysykkel", "baywheels"), produced.keySet(), produced::toString);
        assertTrue(lastStatusRequest.get("oslo-bysykkel") > lastStatusRequest.get("bicing"), "others still polled");
    }

    /** Waits, bounded, until bicing's status has not been asked for a while: the tasks were reconfigured. */
    private void awaitUnpolled(String system) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() - lastStatusRequest.get(system) < SILENCE.toNanos()) {
            assertTrue(System.nanoTime() < deadline, system + " still polled after " + WAIT);
            Thread.sleep(200);
        }
    }

    private long endOffset() {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        return consumer.endOffsets(List.of(partition)).get(partition);
    }

    /**
     * Reads the topic from {@code from} until each of {@code expected} has produced two snapshots' worth of records
     * (the smallest system lists 260 stations) or the wait is over, and counts the records of every system seen.
     */
    private Map<String, Long> recordsBySystem(long from, Set<String> expected) throws IOException {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        long deadline = System.nanoTime() + WAIT.toNanos();
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        Map<String, Long> counts = new HashMap<>();
        while (!expected.stream().allMatch(system -> counts.getOrDefault(system, 0L) >= 2 * 260)
                && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                String system = JSON.readTree(record.value()).path("payload").path("system_id").asText();
                counts.merge(system, 1L, Long::sum);
            }
        }
        return counts;
    }
}

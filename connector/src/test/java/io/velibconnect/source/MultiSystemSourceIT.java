package io.velibconnect.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.velibconnect.records.StationSchemas;
import io.velibconnect.records.SystemPartitioner;
import io.velibconnect.records.SystemScopedKey;
import io.velibconnect.records.SystemScopedKeys;
import io.velibconnect.source.VelibSourceConnectorIT.TopicReader;
import io.velibconnect.testing.RecordedVelibServer;
import io.velibconnect.testing.TestData;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two systems whose station ids collide (Bicing's 1..509 are Bixi's too), polled by one connector into topics of
 * four partitions with station.key=system-code and SystemPartitioner: one key per station of each system, each
 * system in one partition, and a station removed from one system is a tombstone of that system only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiSystemSourceIT {

    private static final String CONNECTOR = "two-systems";
    private static final String STATUS_TOPIC = "systems-status";
    private static final String INFO_TOPIC = "systems-stations";
    private static final String BICING = "other-systems/bicing/";
    private static final String BIXI = "other-systems/bixi/";
    private static final int BICING_STATIONS = 509;
    private static final int BIXI_STATIONS = 957;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final AtomicReference<byte[]> bicingInformation =
            new AtomicReference<>(TestData.bytes(BICING + "station_information.json"));
    private EmbeddedConnectCluster connect;
    private TopicReader information;
    private TopicReader status;

    @BeforeAll
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                byte[] body = switch (request.getUrl().encodedPath()) {
                    case "/bicing/gbfs.json" -> gbfsJson("bicing", List.of("station_status", "station_information"));
                    case "/bicing/station_status.json" -> TestData.bytes(BICING
                            + "station_status_2022-04-19T0606Z.json");
                    case "/bicing/station_information.json" -> bicingInformation.get();
                    case "/bixi/gbfs.json" -> gbfsJson("bixi", List.of("system_information", "station_status",
                            "station_information"));
                    case "/bixi/system_information.json" -> TestData.bytes(BIXI + "system_information.json");
                    case "/bixi/station_status.json" -> TestData.bytes(BIXI + "station_status_2025-05-18T1445Z.json");
                    case "/bixi/station_information.json" -> TestData.bytes(BIXI + "station_information.json");
                    default -> null;
                };
                return body == null ? new MockResponse.Builder().code(404).build() : RecordedVelibServer.ok(body);
            }
        });
        server.start();
        connect = VelibSourceConnectorIT.startCluster(Map.of("connector.client.config.override.policy", "All"));
        information = new TopicReader(connect, INFO_TOPIC, Map.of());
        status = new TopicReader(connect, STATUS_TOPIC, Map.of());
    }

    @AfterAll
    void stop() {
        information.close();
        status.close();
        connect.stop();
        server.close();
    }

    /** A GBFS 2.x discovery document of these feeds, served beside it. */
    private byte[] gbfsJson(String system, List<String> feeds) {
        String listed = feeds.stream().map(feed -> "{\"name\":\"" + feed + "\",\"url\":\""
                + server.url("/" + system + "/" + feed + ".json") + "\"}").collect(Collectors.joining(","));
        return ("{\"last_updated\":1650348404,\"ttl\":0,\"version\":\"2.2\",\"data\":{\"en\":{\"feeds\":["
                + listed + "]}}}").getBytes(StandardCharsets.UTF_8);
    }

    private String bicingUrl() {
        return server.url("/bicing/gbfs.json").toString();
    }

    private Map<String, String> config(String stationKey) {
        Map<String, String> config = VelibSourceConnectorIT.connectorConfig(bicingUrl() + ","
                + server.url("/bixi/gbfs.json"));
        config.put("tasks.max", "2");
        config.put("station.key", stationKey);
        config.put("status.topic", STATUS_TOPIC);
        config.put("information.topic", INFO_TOPIC);
        config.put("producer.override.partitioner.class", SystemPartitioner.class.getName());
        config.put("topic.creation.default.partitions", "4");
        config.put("topic.creation.information.include", INFO_TOPIC);
        config.put("topic.creation.information.partitions", "4");
        return config;
    }

    @Test
    @Order(1)
    void stationKeyCodeIsRefusedForTwoSystems() {
        Map<String, String> config = config("code");
        config.put("name", CONNECTOR);
        ConfigInfos validated = connect.validateConnectorConfig(VelibSourceConnector.class.getName(), config);
        ConfigInfo key = validated.configs().stream().filter(v -> v.configKey().name().equals("station.key"))
                .findFirst().orElseThrow();
        assertEquals(1, validated.errorCount(), validated.configs().stream()
                .flatMap(v -> v.configValue().errors().stream()).toList().toString());
        assertEquals(1, key.configValue().errors().size());
        assertTrue(key.configValue().errors().get(0).contains("set station.key=system-code"),
                key.configValue().errors().get(0));
    }

    @Test
    @Order(2)
    void eachStationOfEachSystemHasOneKeyAndEachSystemOnePartition() throws Exception {
        connect.configureConnector(CONNECTOR, config("system-code"));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "source not running");
        String bicingId = FeedSystem.fallbackId(bicingUrl());

        List<ConsumerRecord<byte[], byte[]>> stations = information.read(BICING_STATIONS + BIXI_STATIONS);
        information.assertNothingMore();

        Map<String, List<ConsumerRecord<byte[], byte[]>>> bySystem = stations.stream()
                .collect(Collectors.groupingBy(record -> information.value(record)
                        .getString(StationSchemas.SYSTEM_ID)));
        assertEquals(Set.of(bicingId, "Bixi_MTL"), bySystem.keySet());
        assertEquals(BICING_STATIONS, VelibSourceConnectorIT.keys(bySystem.get(bicingId)).size());
        assertEquals(BIXI_STATIONS, VelibSourceConnectorIT.keys(bySystem.get("Bixi_MTL")).size());
        assertEquals(BICING_STATIONS + BIXI_STATIONS, VelibSourceConnectorIT.keys(stations).size());
        String bicingPrefix = SystemScopedKey.of(bicingId, "");
        assertTrue(bicingPrefix.startsWith("127.0.0.1:") || bicingPrefix.startsWith("localhost:"), bicingPrefix);
        assertTrue(bicingPrefix.endsWith("%2Fbicing/"), bicingPrefix);
        assertTrue(bySystem.get(bicingId).stream().allMatch(r -> TopicReader.key(r).startsWith(bicingPrefix)));
        assertTrue(bySystem.get("Bixi_MTL").stream().allMatch(r -> TopicReader.key(r).startsWith("Bixi_MTL/")));
        Set<String> keys = VelibSourceConnectorIT.keys(stations);
        assertTrue(keys.contains(bicingPrefix + "1") && keys.contains("Bixi_MTL/1"), "station 1 of both systems");

        Set<Integer> bicingPartitions = partitions(bySystem.get(bicingId));
        Set<Integer> bixiPartitions = partitions(bySystem.get("Bixi_MTL"));
        assertEquals(1, bicingPartitions.size(), bicingPartitions.toString());
        assertEquals(1, bixiPartitions.size(), bixiPartitions.toString());

        Map<String, Set<Integer>> statusPartitions = status.read(statusCount()).stream().collect(Collectors.groupingBy(
                record -> SystemScopedKeys.systemOf(TopicReader.key(record)),
                Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
        assertEquals(Map.of(bicingId, bicingPartitions, "Bixi_MTL", bixiPartitions), statusPartitions,
                "the status of a system goes to the partition of its information");
    }

    @Test
    @Order(3)
    void aStationRemovedFromOneSystemIsATombstoneOfThatSystemOnly() {
        String bicingId = FeedSystem.fallbackId(bicingUrl());
        bicingInformation.set(withoutStation(bicingInformation.get(), "1"));

        List<ConsumerRecord<byte[], byte[]>> tombstone = information.read(1);
        information.assertNothingMore();

        assertEquals(SystemScopedKey.of(bicingId, "1"), TopicReader.key(tombstone.get(0)));
        assertNull(tombstone.get(0).value());
    }

    private static Set<Integer> partitions(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(ConsumerRecord::partition).collect(Collectors.toSet());
    }

    private static int statusCount() {
        try {
            return JSON.readTree(TestData.bytes(BICING + "station_status_2022-04-19T0606Z.json"))
                    .path("data").path("stations").size()
                    + JSON.readTree(TestData.bytes(BIXI + "station_status_2025-05-18T1445Z.json"))
                    .path("data").path("stations").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body without the station of this id, published a minute later. */
    private static byte[] withoutStation(byte[] body, String stationId) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(body);
            Iterator<JsonNode> stations = root.path("data").path("stations").elements();
            while (stations.hasNext()) {
                if (stations.next().path("station_id").asText().equals(stationId)) {
                    stations.remove();
                }
            }
            root.put("last_updated", root.path("last_updated").asLong() + 60);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

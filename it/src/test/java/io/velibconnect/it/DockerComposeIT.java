package io.velibconnect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.EnabledIfDockerAvailable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The docker-compose path run for real where a Docker engine answers (reported as skipped where none does): the
 * broker and worker services of docker-compose.yml as containers of the {@code apache/kafka} image, with their
 * environment, command, working folder and the unzipped plugin mounted as the file says; both connectors POSTed as
 * the one-shot service does once {@code GET /health} answers (the aggregator's file unchanged: the worker resolves
 * its cluster from the service's environment), the source pointed
 * at the recorded feed served from this JVM; the seed's totals read with the console consumer inside the broker, as
 * the README does. Never a replacement for the embedded tests, which run everywhere.
 */
@EnabledIfDockerAvailable
class DockerComposeIT {

    private static final ComposeFile COMPOSE = ComposeFile.load();
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void composeServicesRunBothConnectorsAndWriteTheSeedTotals() throws Exception {
        try (RecordedFeed feed = new RecordedFeed(); Network network = Network.newNetwork();
             GenericContainer<?> broker = broker(network); GenericContainer<?> connect = connect(network, broker)) {
            // the containers reach the feed on this machine's loopback through Testcontainers' tunnel
            Testcontainers.exposeHostPorts(feed.port());
            broker.start();
            connect.start();
            String rest = "http://" + connect.getHost() + ":" + connect.getMappedPort(8083) + "/connectors";
            String containerFeed = "http://host.testcontainers.internal:" + feed.port() + "/gbfs.json";
            post(rest, ProjectFiles.restBody("velib-source.json", Map.of("gbfs.url", containerFeed, "poll.interval.ms", "2000")));
            post(rest, ProjectFiles.restBody("velib-aggregator.json", Map.of()));

            SeedTotals seed = new SeedTotals(feed);
            Map<String, JsonNode> latest = new HashMap<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && !seed.reached(latest)) {
                latest = readTotals(broker);
            }
            seed.assertSeedTotals(latest);
        }
    }

    private static GenericContainer<?> broker(Network network) {
        Map<String, Object> service = COMPOSE.service("broker");
        return new GenericContainer<>(DockerImageName.parse(service.get("image").toString()))
                .withNetwork(network).withNetworkAliases(service.get("hostname").toString())
                .withEnv(COMPOSE.environment("broker"))
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(TIMEOUT));
    }

    private static GenericContainer<?> connect(Network network, GenericContainer<?> broker) {
        Map<String, Object> service = COMPOSE.service("connect");
        GenericContainer<?> connect = new GenericContainer<>(DockerImageName.parse(service.get("image").toString()))
                .withNetwork(network).withNetworkAliases("connect").dependsOn(broker)
                .withWorkingDirectory(service.get("working_dir").toString())
                .withEnv(COMPOSE.environment("connect"))
                .withCommand(COMPOSE.command("connect").toArray(String[]::new))
                .withExposedPorts(8083)
                .waitingFor(Wait.forHttp("/health").forPort(8083).forStatusCode(200).withStartupTimeout(TIMEOUT));
        COMPOSE.mounts("connect").forEach((host, container) -> connect.withCopyFileToContainer(
                MountableFile.forHostPath(ProjectFiles.root().resolve(host)), container));
        return connect;
    }

    private static void post(String url, ObjectNode body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
    }

    /** The latest totals of each postcode, read from the start of the topic as the README's console consumer does. */
    private static Map<String, JsonNode> readTotals(GenericContainer<?> broker) throws Exception {
        Container.ExecResult read = broker.execInContainer("/opt/kafka/bin/kafka-console-consumer.sh",
                "--bootstrap-server", "broker:19092", "--topic", SeedTotals.TOPIC, "--from-beginning",
                "--formatter-property", "print.key=true", "--timeout-ms", "10000");
        Map<String, JsonNode> latest = new HashMap<>();
        for (String line : read.getStdout().lines().toList()) {
            List<String> keyAndValue = List.of(line.split("\t", 2));
            assertTrue(keyAndValue.size() == 2, line);
            if (!keyAndValue.get(1).equals("null")) {
                JsonNode totals = SeedTotals.payload(keyAndValue.get(1).getBytes(StandardCharsets.UTF_8));
                latest.put(totals.path("postcode").asText(), totals);
            }
        }
        return latest;
    }
}

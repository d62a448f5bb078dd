package io.velibconnect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Hub zip unzipped into a plugin.path of a distributed worker that discovers plugins only through KIP-898
 * ServiceLoader manifests ({@code plugin.discovery=service_load}); the pipeline created by POSTing
 * {@code config/velib-source.json} and {@code config/velib-aggregator.json} (feed URL, broker and CSV path changed),
 * then the REST lifecycle users rely on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedWorkerIT {

    private static final String SOURCE = "velib-source";
    private static final String AGGREGATOR = "velib-aggregator";
    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json");

    @TempDir
    static Path work;

    private static EmbeddedConnectCluster connect;
    private static RecordedFeed feed;
    private static UnzippedPlugin plugin;

    @BeforeAll
    static void start() throws Exception {
        plugin = UnzippedPlugin.into(work.resolve("plugins"));
        feed = new RecordedFeed();
        Map<String, String> worker = new HashMap<>();
        Properties users = Utils.loadProps(ProjectFiles.config("connect-distributed.properties").toString());
        for (String key : List.of("key.converter", "value.converter", "value.converter.schemas.enable",
                "offset.flush.interval.ms")) {
            worker.put(key, users.getProperty(key));
        }
        worker.put("plugin.path", plugin.pluginPath().toString());
        worker.put("plugin.discovery", "service_load");
        Properties broker = new Properties();
        broker.put("auto.create.topics.enable", "true");
        connect = new EmbeddedConnectCluster.Builder().name("velib-it").numWorkers(1).numBrokers(1)
                .workerProps(worker).brokerProps(broker).build();
        connect.start();
        connect.requestTimeout(30_000);
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.stop();
        }
        feed.close();
    }

    @Test
    @Order(1)
    void serviceLoadingFindsEveryPluginAtTheProjectVersion() throws Exception {
        JsonNode plugins = get("connector-plugins?connectorsOnly=false");
        Set<String> classes = new HashSet<>();
        Map<String, String> ourVersions = new HashMap<>();
        plugins.forEach(p -> {
            classes.add(p.path("class").asText());
            if (p.path("class").asText().startsWith("io.velibconnect.")) {
                ourVersions.put(p.path("type").asText() + " " + p.path("class").asText(), p.path("version").asText());
            }
        });
        assertTrue(classes.containsAll(List.of(
                "io.velibconnect.source.VelibSourceConnector",
                "io.velibconnect.aggregate.VelibAggregatorConnector",
                "io.velibconnect.transforms.Where$Value",
                "io.velibconnect.transforms.Where$Key",
                "io.velibconnect.transforms.Select$Value",
                "io.velibconnect.transforms.Select$Key",
                "io.velibconnect.transforms.ExpressionPredicate",
                "io.velibconnect.transforms.StationCodeFilter$Value",
                "io.velibconnect.transforms.StationCodeFilter$Key",
                "io.velibconnect.converter.StreamingJsonConverter")), () -> "plugins found: " + classes);
        // surefire passes the pom's version; each plugin reads it from a version.properties its module's build wrote
        String projectVersion = ProjectFiles.required("project.version");
        assertEquals(Set.of(projectVersion), Set.copyOf(ourVersions.values()), ourVersions::toString);
    }

    @Test
    @Order(2)
    void postedConfigsRunThePipeline() {
        post(ProjectFiles.restBody("velib-source.json", Map.of("gbfs.url", feed.gbfsUrl())));
        post(ProjectFiles.restBody("velib-aggregator.json", Map.of(
                "bootstrap.servers", connect.kafka().bootstrapServers(),
                "metadata.csv", plugin.etc("stations_information.csv").toString())));
        awaitRunning(SOURCE);
        awaitRunning(AGGREGATOR);

        SeedTotals seed = new SeedTotals(feed);
        seed.assertSeedTotals(seed.awaitBothPostcodes(connect.kafka(), Duration.ofSeconds(60)));
    }

    @Test
    @Order(3)
    void validationNamesThePositionOfABrokenExpression() throws Exception {
        Map<String, String> config = ProjectFiles.connectorConfig(ProjectFiles.restBody("velib-source.json", Map.of(
                "gbfs.url", feed.gbfsUrl(),
                "transforms", "busy",
                "transforms.busy.type", "io.velibconnect.transforms.Where$Value",
                "transforms.busy.where", "num_bikes_available >")));
        Response response = connect.requestPut(
                connect.endpointForResource("connector-plugins/VelibSourceConnector/config/validate"),
                ProjectFiles.JSON.writeValueAsString(config));
        JsonNode result = ProjectFiles.JSON.readTree(response.getEntity().toString());

        assertEquals(200, response.getStatus());
        assertTrue(result.path("error_count").asInt() >= 1, result::toString);
        List<String> errors = errorsOf(result, "transforms.busy.where");
        assertEquals(1, errors.size(), result::toString);
        assertTrue(errors.get(0).contains(" at 1:22"), () -> "position missing: " + errors);
    }

    @Test
    @Order(4)
    void pauseResumeRestartStopResetOffsetsDelete() throws Exception {
        connect.pauseConnector(SOURCE);
        connect.assertions().assertConnectorAndExactlyNumTasksArePaused(SOURCE, 1, "source did not pause");
        connect.resumeConnector(SOURCE);
        awaitRunning(SOURCE);

        connect.restartConnectorAndTasks(AGGREGATOR, false, true, false);
        awaitRunning(AGGREGATOR);

        connect.stopConnector(SOURCE);
        connect.assertions().assertConnectorIsStopped(SOURCE, "source did not stop");
        assertFalse(connect.connectorOffsets(SOURCE).offsets().isEmpty(), "the source had committed its feed offsets");
        Response reset = connect.requestDelete(connect.endpointForResource("connectors/" + SOURCE + "/offsets"));
        assertEquals(200, reset.getStatus(), () -> reset.getEntity().toString());
        assertTrue(connect.connectorOffsets(SOURCE).offsets().isEmpty());
        connect.resumeConnector(SOURCE);
        awaitRunning(SOURCE);

        connect.deleteConnector(SOURCE);
        connect.assertions().assertConnectorDoesNotExist(SOURCE, "source was not deleted");
        assertEquals(404, connect.requestGet(connect.endpointForResource("connectors/" + SOURCE)).getStatus());
    }

    private static List<String> errorsOf(JsonNode validation, String key) {
        for (JsonNode config : validation.path("configs")) {
            if (key.equals(config.path("value").path("name").asText())) {
                return ProjectFiles.JSON.convertValue(config.path("value").path("errors"),
                        ProjectFiles.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
            }
        }
        return List.of();
    }

    private static void post(ObjectNode body) {
        Response response = connect.requestPost(connect.endpointForResource("connectors"), body.toString(), JSON_HEADERS);
        assertEquals(201, response.getStatus(), () -> response.getEntity().toString());
    }

    private static JsonNode get(String resource) throws Exception {
        Response response = connect.requestGet(connect.endpointForResource(resource));
        assertEquals(200, response.getStatus());
        return ProjectFiles.JSON.readTree(response.getEntity().toString());
    }

    private static void awaitRunning(String name) {
        try {
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, name + " is not running");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.velibconnect.it;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml parsed, and everything it references checked to exist and agree, without Docker;
 * {@link DockerComposeIT} runs the same definitions where a Docker engine is.
 */
class DockerComposeTest {

    private static final ComposeFile COMPOSE = ComposeFile.load();

    @Test
    void brokerIsTheOfficialImageAsOneKraftNode() {
        Map<String, Object> broker = COMPOSE.service("broker");
        assertEquals("apache/kafka:4.3.1", broker.get("image"));
        assertEquals(List.of("9092:9092"), broker.get("ports"));
        Map<String, String> env = COMPOSE.environment("broker");
        assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"));
        assertTrue(env.get("KAFKA_ADVERTISED_LISTENERS").contains("PLAINTEXT_HOST://localhost:9092"));
    }

    @Test
    void workerRunsConnectDistributedWithTheUnzippedPluginMounted() throws IOException {
        Map<String, Object> worker = COMPOSE.service("connect");
        assertEquals("apache/kafka:4.3.1", worker.get("image"));
        assertEquals(List.of("8083:8083"), worker.get("ports"));

        Path plugin = ProjectFiles.root().resolve(COMPOSE.mountedAt("connect", "/velib/plugins"));
        assertTrue(Files.isDirectory(plugin.resolve(UnzippedPlugin.NAME).resolve("lib")), () -> plugin + " has no plugin");
        assertTrue(Files.isRegularFile(plugin.resolve(UnzippedPlugin.NAME).resolve("manifest.json")));

        List<String> command = COMPOSE.command("connect");
        assertEquals("/opt/kafka/bin/connect-distributed.sh", command.get(0));
        Path properties = COMPOSE.hostPath("connect", command.get(1));
        Properties config = Utils.loadProps(properties.toString());
        assertEquals("/velib/plugins", config.getProperty("plugin.path"));
        assertEquals("broker:19092", config.getProperty("bootstrap.servers"));
        assertTrue(COMPOSE.environment("broker").get("KAFKA_ADVERTISED_LISTENERS").contains("PLAINTEXT://broker:19092"));

        // metadata.csv is relative to the worker's working_dir
        String csv = ProjectFiles.restBody("velib-aggregator.json", Map.of()).get("config").get("metadata.csv").asText();
        assertTrue(Files.isRegularFile(COMPOSE.hostPath("connect", worker.get("working_dir") + "/" + csv)), csv);
    }

    /**
     * The aggregator's file names its cluster as an environment variable the worker resolves, so the one-shot
     * service posts the files unchanged and the compose worker alone says broker:19092.
     */
    @Test
    void theAggregatorsClientsReachTheBrokerTheComposeWorkerNames() throws IOException {
        String servers = ProjectFiles.restBody("velib-aggregator.json", Map.of()).get("config")
                .get("bootstrap.servers").asText();
        assertEquals("${env:VELIB_AGGREGATOR_BOOTSTRAP_SERVERS}", servers);
        assertEquals("broker:19092", COMPOSE.environment("connect").get("VELIB_AGGREGATOR_BOOTSTRAP_SERVERS"));
        for (String worker : List.of("connect-distributed.properties", "connect-standalone.properties")) {
            Properties config = Utils.loadProps(ProjectFiles.config(worker).toString());
            assertEquals("env", config.getProperty("config.providers"), worker);
            assertTrue("VELIB_AGGREGATOR_BOOTSTRAP_SERVERS".matches(
                    config.getProperty("config.providers.env.param.allowlist.pattern")), worker);
        }
        String script = COMPOSE.command("create-connectors").get(0);
        assertTrue(script.contains("--data @/config/$$name.json"), script);
        assertFalse(script.contains("sed"), script);
    }

    @Test
    void connectorsAreCreatedOnlyOnceTheWorkerReportsHealthy() {
        assertEquals("service_healthy", COMPOSE.dependsOn("create-connectors", "connect"));
        assertEquals("service_healthy", COMPOSE.dependsOn("connect", "broker"));
        String probe = String.join(" ", COMPOSE.healthcheck("connect"));
        assertTrue(probe.contains("/dev/tcp/localhost/8083") && probe.contains("GET /health "), probe);
    }

    /** The connect service's healthcheck, run by bash against a stand-in for the worker's REST port. */
    @Test
    void healthcheckPassesOnlyWhileHealthAnswers200() throws IOException, InterruptedException {
        AtomicInteger status = new AtomicInteger(503);
        HttpServer worker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        worker.createContext("/", exchange -> {
            int code = exchange.getRequestURI().getPath().equals("/health") ? status.get() : 404;
            byte[] body = "{\"status\":\"...\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        worker.start();
        try {
            assertEquals(1, probe(worker.getAddress().getPort()), "starting worker (503)");
            status.set(200);
            assertEquals(0, probe(worker.getAddress().getPort()), "ready worker (200)");
            status.set(500);
            assertEquals(1, probe(worker.getAddress().getPort()), "failing worker (500)");
        } finally {
            worker.stop(0);
        }
    }

    private static int probe(int port) throws IOException, InterruptedException {
        List<String> test = COMPOSE.healthcheck("connect");
        assertEquals("CMD", test.get(0));
        List<String> command = test.subList(1, test.size()).stream()
                .map(part -> part.replace("localhost/8083", "127.0.0.1/" + port)).toList();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "healthcheck did not end");
        return process.exitValue();
    }

    @Test
    void oneShotServicePostsBothConfigsToTheWorker() {
        String script = COMPOSE.command("create-connectors").get(0);
        assertTrue(script.contains("http://connect:8083/connectors"), script);
        assertTrue(script.contains("for name in velib-source velib-aggregator"), script);
        assertEquals("./config", COMPOSE.mountedAt("create-connectors", "/config"));
        assertTrue(Files.isRegularFile(ProjectFiles.config("velib-source.json")));
        assertTrue(Files.isRegularFile(ProjectFiles.config("velib-aggregator.json")));
    }
}

package io.velibconnect.it;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

package io.velibconnect.it;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Docker cannot run here: docker-compose.yml is parsed and everything it references is checked to exist and agree. */
class DockerComposeTest {

    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ProjectFiles.root().resolve("docker-compose.yml")));
        services = (Map<String, Object>) compose.get("services");
    }

    @Test
    void brokerIsTheOfficialImageAsOneKraftNode() {
        Map<String, Object> broker = service("broker");
        assertEquals("apache/kafka:4.3.1", broker.get("image"));
        assertEquals(List.of("9092:9092"), broker.get("ports"));
        Map<String, Object> env = map(broker.get("environment"));
        assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"));
        assertTrue(env.get("KAFKA_ADVERTISED_LISTENERS").toString().contains("PLAINTEXT_HOST://localhost:9092"));
    }

    @Test
    void workerRunsConnectDistributedWithTheUnzippedPluginMounted() throws IOException {
        Map<String, Object> worker = service("connect");
        assertEquals("apache/kafka:4.3.1", worker.get("image"));
        assertEquals(List.of("8083:8083"), worker.get("ports"));
        Map<String, String> mounts = mounts(worker);

        Path plugin = ProjectFiles.root().resolve(key(mounts, "/velib/plugins"));
        assertTrue(Files.isDirectory(plugin.resolve(UnzippedPlugin.NAME).resolve("lib")), () -> plugin + " has no plugin");
        assertTrue(Files.isRegularFile(plugin.resolve(UnzippedPlugin.NAME).resolve("manifest.json")));

        List<?> command = (List<?>) worker.get("command");
        assertEquals("/opt/kafka/bin/connect-distributed.sh", command.get(0));
        Path properties = hostPath(mounts, command.get(1).toString());
        Properties config = Utils.loadProps(properties.toString());
        assertEquals("/velib/plugins", config.getProperty("plugin.path"));
        assertEquals("broker:19092", config.getProperty("bootstrap.servers"));
        assertTrue(map(service("broker").get("environment")).get("KAFKA_ADVERTISED_LISTENERS").toString()
                .contains("PLAINTEXT://broker:19092"));

        // metadata.csv is relative to the worker's working_dir
        String csv = ProjectFiles.restBody("velib-aggregator.json", Map.of()).get("config").get("metadata.csv").asText();
        assertTrue(Files.isRegularFile(hostPath(mounts, worker.get("working_dir") + "/" + csv)), csv);
    }

    @Test
    void oneShotServicePostsBothConfigsToTheWorker() {
        Map<String, Object> poster = service("create-connectors");
        String script = ((List<?>) poster.get("command")).get(0).toString();
        assertTrue(script.contains("http://connect:8083/connectors"), script);
        assertTrue(script.contains("for name in velib-source velib-aggregator"), script);
        assertEquals("./config", key(mounts(poster), "/config"));
        assertTrue(Files.isRegularFile(ProjectFiles.config("velib-source.json")));
        assertTrue(Files.isRegularFile(ProjectFiles.config("velib-aggregator.json")));
    }

    private static Path hostPath(Map<String, String> mounts, String containerPath) {
        for (Map.Entry<String, String> mount : mounts.entrySet()) {
            if (containerPath.startsWith(mount.getValue() + "/")) {
                return ProjectFiles.root().resolve(mount.getKey()).resolve(containerPath.substring(mount.getValue().length() + 1));
            }
        }
        throw new AssertionError(containerPath + " is not under any mounted folder " + mounts);
    }

    private static String key(Map<String, String> mounts, String containerPath) {
        return mounts.entrySet().stream().filter(e -> e.getValue().equals(containerPath)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + containerPath));
    }

    /** host path → container path, from "host:container[:ro]" volume entries. */
    private static Map<String, String> mounts(Map<String, Object> service) {
        Map<String, String> mounts = new java.util.LinkedHashMap<>();
        for (Object volume : (List<?>) service.get("volumes")) {
            String[] parts = volume.toString().split(":");
            mounts.put(parts[0], parts[1]);
        }
        return mounts;
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = map(services.get(name));
        assertTrue(service != null, () -> "no service " + name);
        return service;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}

package io.velibconnect.it;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The README's connect-standalone command, in-process: Kafka's own {@code ConnectStandalone} with
 * {@code config/connect-standalone.properties}, {@code config/velib-source.json} and {@code config/velib-aggregator.json}
 * (only the broker address, the feed URL, plugin.path, the offsets file and the REST port changed), loading the
 * plugin from the unzipped distribution on plugin.path.
 */
class StandaloneIT {

    @TempDir
    static Path work;

    private static EmbeddedKafkaCluster kafka;
    private static RecordedFeed feed;

    @BeforeAll
    static void start() {
        Properties broker = new Properties();
        broker.put("auto.create.topics.enable", "true");
        kafka = new EmbeddedKafkaCluster(1, broker);
        kafka.start();
        feed = new RecordedFeed();
    }

    @AfterAll
    static void stop() {
        feed.close();
        kafka.stop();
    }

    @Test
    void pluginClassesAreNotOnTheTestClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.velibconnect.source.VelibSourceConnector"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.velibconnect.transforms.StationCodeFilter"));
    }

    @Test
    void readmeCommandRunsThePipelineFromTheUnzippedPlugin() throws Exception {
        UnzippedPlugin plugin = UnzippedPlugin.into(work.resolve("plugins"));
        Path workerFile = writeWorkerProperties(plugin);
        Path sourceFile = ProjectFiles.write(work, "velib-source.json", ProjectFiles.restBody("velib-source.json",
                Map.of("gbfs.url", feed.gbfsUrl())).toString());
        Path aggregatorFile = ProjectFiles.write(work, "velib-aggregator.json", ProjectFiles.restBody("velib-aggregator.json",
                Map.of("bootstrap.servers", kafka.bootstrapServers(),
                        "metadata.csv", plugin.etc("stations_information.csv").toString())).toString());
        String[] args = {workerFile.toString(), sourceFile.toString(), aggregatorFile.toString()};

        // What ConnectStandalone.main does, minus awaitStop and Exit, so the test can stop the worker.
        ConnectStandalone cli = new ConnectStandalone(args);
        Connect<StandaloneHerder> connect = cli.startConnect(Utils.propsToStringMap(Utils.loadProps(args[0])));
        try {
            cli.processExtraArgs(connect, new String[]{args[1], args[2]});

            assertEquals(SEED_STATIONS, keys(kafka.consume(2, 60_000, "velib-projet")));
            assertEquals(SEED_STATIONS, keys(kafka.consume(2, 60_000, "velib-stations")));
            SeedTotals seed = new SeedTotals(feed);
            seed.assertSeedTotals(seed.awaitBothPostcodes(kafka, Duration.ofSeconds(60)));
        } finally {
            connect.stop();
            connect.awaitStop();
        }
    }

    private static final Set<String> SEED_STATIONS = Set.of("16107", "32017");

    private static Set<String> keys(ConsumerRecords<byte[], byte[]> records) {
        Set<String> keys = new HashSet<>();
        records.forEach(r -> keys.add(new String(r.key(), StandardCharsets.UTF_8)));
        return keys;
    }

    private static Path writeWorkerProperties(UnzippedPlugin plugin) throws Exception {
        Properties worker = Utils.loadProps(ProjectFiles.config("connect-standalone.properties").toString());
        worker.put("bootstrap.servers", kafka.bootstrapServers());
        worker.put("plugin.path", plugin.pluginPath().toString());
        worker.put("offset.storage.file.filename", work.resolve("connect.offsets").toString());
        worker.put("listeners", "http://127.0.0.1:0");
        Path file = work.resolve("connect-standalone.properties");
        try (var out = java.nio.file.Files.newBufferedWriter(file)) {
            worker.store(out, "config/connect-standalone.properties with test overrides");
        }
        return file;
    }
}

package io.velibconnect.testing;

import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.StringConverter;

/**
 * A distributed Connect worker in a child JVM (this JVM's java and classpath, so the plugins under test are on
 * it), for what a worker inside the test JVM cannot show: being killed with SIGKILL. Its REST API listens on a
 * free port; its logs go to {@code <dir>/worker.log} through the test log4j2 configuration.
 */
public final class ForkedConnectWorker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;

    private ForkedConnectWorker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * The properties of a distributed worker of the Connect cluster {@code group} (its internal topics named after
     * it), with JSON values and schemas, offsets committed every 500 ms, and sessions of 6 s (the broker's minimum)
     * for the worker and its sink tasks' consumers, so that the work of a killed worker moves on within seconds.
     */
    public static Map<String, String> clusterProps(String group) {
        Map<String, String> props = new HashMap<>();
        props.put("group.id", group);
        props.put("config.storage.topic", group + "-configs");
        props.put("offset.storage.topic", group + "-offsets");
        props.put("status.storage.topic", group + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", StringConverter.class.getName());
        props.put("value.converter", JsonConverter.class.getName());
        props.put("value.converter.schemas.enable", "true");
        props.put("offset.flush.interval.ms", "500");
        // a dead worker leaves the group after its session, and its work is reassigned after this delay
        // (default 5 minutes)
        props.put("session.timeout.ms", "6000");
        props.put("heartbeat.interval.ms", "1000");
        props.put("scheduled.rebalance.max.delay.ms", "5000");
        // a killed task's consumer holds its input partitions until its session expires (default 45 s)
        props.put("consumer.session.timeout.ms", "6000");
        props.put("consumer.heartbeat.interval.ms", "1000");
        return props;
    }

    /** Starts a worker with these properties (its listener added) and returns once its REST API answers. */
    public static ForkedConnectWorker start(Map<String, String> workerProps, Path dir) throws IOException,
            InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        Properties props = new Properties();
        props.putAll(workerProps);
        props.put("listeners", "http://localhost:" + port);
        Path file = dir.resolve("worker.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            props.store(out, "forked Connect worker");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // C1 only and the serial collector: a worker that tests kill and restart again and again starts faster
        List<String> command = List.of(java.toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + log4jConfig(),
                "-Dvelib.test.log=" + dir.resolve("worker.log").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"),
                ConnectDistributed.class.getName(), file.toAbsolutePath().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker.out").toFile()).start();
        ForkedConnectWorker worker = new ForkedConnectWorker(process, port);
        try {
            worker.awaitRest();
        } catch (RuntimeException | InterruptedException e) {
            worker.close();
            throw e;
        }
        return worker;
    }

    private static String log4jConfig() {
        try {
            return Path.of(ForkedConnectWorker.class.getResource("/log4j2-test.xml").toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitRest() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest root = HttpRequest.newBuilder(URI.create(url())).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("forked worker exited with " + process.exitValue()
                        + "; see its worker.out and worker.log");
            }
            try {
                if (http.send(root, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("forked worker's REST API did not answer within " + START_TIMEOUT);
    }

    /** The REST API's base URL, e.g. {@code http://localhost:40123}. */
    public String url() {
        return "http://localhost:" + port;
    }

    /** The REST port, which ends the worker id Connect reports in connector status. */
    public int port() {
        return port;
    }

    /** Kills the worker with SIGKILL (no shutdown hook runs) and returns its exit value. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

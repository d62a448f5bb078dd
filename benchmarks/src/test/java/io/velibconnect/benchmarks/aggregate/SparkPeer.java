package io.velibconnect.benchmarks.aggregate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code benchmarks/spark}'s SparkTotalsJob in a JVM of its own (Spark brings kafka-clients 3.x and its own Scala and
 * Jackson, which cannot share a classpath with Kafka 4.3.1's broker): started with the flags Spark 4 needs on Java 17,
 * its {@code VELIB {...}} stdout lines read as they come, each with the {@link System#nanoTime()} it arrived at, its
 * other output (Spark's log) kept in a file.
 */
final class SparkPeer implements AutoCloseable {

    /** What Spark's launcher adds on Java 17 (its JavaModuleOptions); a plain {@code java} needs them too. */
    private static final List<String> JAVA_17_FLAGS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");
    private static final String PREFIX = "VELIB ";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of the job: its JSON and when it was read. */
    record Line(JsonNode json, long nanos) {
    }

    private final Process process;
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private final Path log;

    private SparkPeer(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::read, "spark-peer-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the job; {@code module} is {@code benchmarks/spark} after {@code mvn -f benchmarks/spark/pom.xml
     * package} (its classes and {@code target/spark.classpath}).
     */
    static SparkPeer start(Path module, Path log, List<String> args) throws IOException {
        Path classpathFile = module.resolve("target/spark.classpath");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile + " not found: build the Spark peer first with "
                    + "`mvn -B -q -f benchmarks/spark/pom.xml package`");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(JAVA_17_FLAGS);
        command.add("-cp");
        command.add(module.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(classpathFile).strip());
        command.add("io.velibconnect.benchmarks.spark.SparkTotalsJob");
        command.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        // Spark binds to the host's first non-loopback address unless told: the benchmark stays on 127.0.0.1
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        return new SparkPeer(process, log);
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(PREFIX)) {
                    lines.add(new Line(JSON.readTree(line.substring(PREFIX.length())), System.nanoTime()));
                }
            }
        } catch (IOException ended) {
            // the job's stdout closed: it ended
        }
    }

    /** The next line that {@code wanted} accepts (skipping the others), within {@code timeoutMs}. */
    Line next(Predicate<JsonNode> wanted, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            Line line = lines.poll(50, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line.json())) {
                return line;
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                throw new IllegalStateException("the Spark job exited (code " + process.exitValue() + ") before "
                        + what + "; its log: " + log + "\n" + tail());
            }
        }
        throw new IllegalStateException("the Spark job gave no " + what + " within " + timeoutMs + " ms; its log: "
                + log + "\n" + tail());
    }

    /** The end of the job's log, to put in a failure. */
    String tail() {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Closes the job's stdin (a replay job stops on that) and waits for it to end. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

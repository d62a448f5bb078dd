package io.velibconnect.launcher;

import io.velibconnect.source.SourceConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * {@code velib-connect replay-server}: the recorded snapshots as a GBFS feed on 127.0.0.1, for a connect-standalone
 * or distributed worker on a machine without internet. Prints the {@code gbfs.url} to use and writes the shipped
 * source connector file with that URL into the run folder, ready for connect-standalone or a REST POST.
 */
final class ReplayOnly {

    static final String CONNECTOR_FILE = "velib-source.json";

    private final CommandLine.Replay command;
    private final Path runDir;
    private final PrintStream out;
    private final PrintStream err;

    ReplayOnly(CommandLine.Replay command, Path runDir, PrintStream out, PrintStream err) {
        this.command = command;
        this.runDir = runDir;
        this.out = out;
        this.err = err;
    }

    int run(BooleanSupplier stopped) {
        RecordedSnapshots snapshots = RecordedSnapshots.load();
        try (ReplayServer server = ReplayServer.start(snapshots, Duration.ofSeconds(command.stepSeconds()),
                Clock.systemUTC(), command.port())) {
            Path connector = writeConnectorFile(server.gbfsUrl());
            err.println("Serving the recorded Vélib' feed of 2024-12-15: " + server.snapshotCount()
                    + " status snapshots, one more every " + command.stepSeconds() + " s from the first request.");
            out.println("gbfs.url=" + server.gbfsUrl());
            out.flush();
            err.println("  source connector file with that gbfs.url: " + connector);
            err.println("  e.g. VELIB_AGGREGATOR_BOOTSTRAP_SERVERS=localhost:9092 connect-standalone.sh "
                    + "config/connect-standalone.properties " + connector
                    + " config/velib-aggregator.json");
            err.println("Ctrl-C stops.");
            UntilStopped.await(() -> stopped.getAsBoolean() || server.finished());
            if (server.finished()) {
                err.println("Replay finished: all " + server.snapshotCount()
                        + " snapshots served; the feed stays on the last one (2024-12-15 17:51Z).");
                UntilStopped.await(stopped);
            }
            err.println("Stopping the replay server ...");
        }
        return 0;
    }

    private Path writeConnectorFile(String gbfsUrl) {
        ShippedConfig.Connector source = ShippedConfig.connector(CONNECTOR_FILE);
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode().put("name", source.name());
        ObjectNode config = body.putObject("config");
        source.config().forEach(config::put);
        config.put(SourceConfig.GBFS_URL, gbfsUrl);
        config.put(SourceConfig.POLL_INTERVAL_MS, Long.toString(command.stepSeconds() * 1000L));
        Path file = runDir.resolve(CONNECTOR_FILE);
        try {
            json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}

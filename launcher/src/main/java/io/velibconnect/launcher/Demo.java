package io.velibconnect.launcher;

import io.velibconnect.aggregate.AggregatorConfig;
import io.velibconnect.source.SourceConfig;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@code velib-connect demo}: a KRaft broker and a Connect worker in this JVM, the source and the aggregator
 * created from {@code config/}, and the per-postcode totals shown as they change. Progress goes to {@code err},
 * the totals to {@code out}; in table mode the progress lines are also kept above the table.
 */
final class Demo {

    /** A compile-time constant: reading AggregatorConfig here would start Kafka's logging before it is pointed. */
    static final String TOTALS_TOPIC = AggregatorConfig.DEFAULT_OUTPUT_TOPIC;
    /** A replayed snapshot changes every few seconds, so the source polls it far more often than the live feed. */
    private static final String REPLAY_POLL_MS = "1000";

    private final DemoOptions options;
    private final Path runDir;
    private final PrintStream out;
    private final PrintStream err;
    private final List<String> progressLines = new ArrayList<>();

    Demo(DemoOptions options, Path runDir, PrintStream out, PrintStream err) {
        this.options = options;
        this.runDir = runDir;
        this.out = out;
        this.err = err;
    }

    int run(BooleanSupplier stopped) throws UsageException {
        Clock clock = Clock.systemUTC();
        Optional<String> liveProblem = chooseFeed();
        try (ReplayServer replay = liveProblem.map(problem -> startReplay(clock)).orElse(null)) {
            String gbfsUrl = replay != null ? replay.gbfsUrl() : options.gbfsUrl().orElse(FeedProbe.VELIB_LIVE).toString();
            Path metadata = options.metadataCsv().orElseGet(() -> ShippedConfig.shippedMetadataCsv(runDir));

            Path log = runDir.resolve(RunDirectory.LOG);
            progress("Kafka's own logs go to " + log);
            progress("Starting a Kafka broker (KRaft, single node) ...");
            long t0 = System.nanoTime();
            try (EmbeddedKafka kafka = EmbeddedKafka.start(runDir, FreePort.find())) {
                progress("  broker ready at " + kafka.bootstrapServers() + seconds(t0));
                progress("Starting a Kafka Connect worker ...");
                long t1 = System.nanoTime();
                try (EmbeddedWorker worker = EmbeddedWorker.start(runDir, kafka.bootstrapServers())) {
                    progress("  worker ready, REST API at " + worker.restUrl() + seconds(t1));
                    createConnectors(worker, kafka, gbfsUrl, metadata, replay != null);
                    progress("Following " + TOTALS_TOPIC + (options.keepsTwoStationsOnly()
                            ? " (stations 16107 and 32017; --all-stations for every station)" : "")
                            + ". Ctrl-C stops.");
                    String footer = "feed: " + gbfsUrl + (replay != null ? " (recorded 2024-12-15)" : "")
                            + System.lineSeparator() + "Kafka logs: " + log + "   Ctrl-C stops";
                    TotalsView.FeedEnd end = replay == null ? TotalsView.FeedEnd.NEVER
                            : new TotalsView.FeedEnd(replay::finished, "Replay finished: " + replay.snapshotCount()
                                    + " snapshots; totals are final (the feed stays on its last snapshot, 17:51Z).");
                    new TotalsView(kafka.bootstrapServers(), TOTALS_TOPIC, options.output(), out, err, progressLines,
                            footer, clock).follow(stopped, options.exitAfterIdleSeconds(), end);
                    progress("Stopping the worker and the broker ...");
                }
            }
        }
        progress("Stopped.");
        return 0;
    }

    /** Empty when the live (or given) feed answers; otherwise why the demo replays. */
    private Optional<String> chooseFeed() throws UsageException {
        if (options.replayOnly()) {
            progress("Replaying the recorded Vélib' snapshots of 2024-12-15 (--replay).");
            return Optional.of("--replay");
        }
        if (options.gbfsUrl().isPresent()) {
            URI url = options.gbfsUrl().get();
            Optional<String> problem = FeedProbe.problemWith(url);
            if (problem.isPresent()) {
                throw new UsageException("cannot reach " + url + " (" + problem.get() + ")");
            }
            progress("Polling " + url + ".");
            return Optional.empty();
        }
        Optional<String> problem = FeedProbe.problemWith(FeedProbe.VELIB_LIVE);
        if (problem.isPresent()) {
            progress("The live Vélib' feed cannot be reached (" + problem.get() + "):");
            progress("  replaying the recorded snapshots of 2024-12-15 that ship with velib-connect instead.");
        } else {
            progress("Polling the live Vélib' feed " + FeedProbe.VELIB_LIVE + ".");
        }
        return problem;
    }

    private ReplayServer startReplay(Clock clock) {
        RecordedSnapshots snapshots = RecordedSnapshots.load();
        ReplayServer server = ReplayServer.start(snapshots, Duration.ofSeconds(options.replayStepSeconds()), clock);
        progress("  " + snapshots.statuses().size() + " status snapshots, one more every "
                + options.replayStepSeconds() + " s, served at " + server.gbfsUrl());
        return server;
    }

    private void createConnectors(EmbeddedWorker worker, EmbeddedKafka kafka, String gbfsUrl, Path metadata,
                                  boolean replaying) throws UsageException {
        String bootstrapServers = kafka.bootstrapServers();
        ShippedConfig.Connector source = ShippedConfig.connector("velib-source.json");
        Map<String, String> sourceConfig = source.config();
        sourceConfig.put(SourceConfig.GBFS_URL, gbfsUrl);
        if (replaying) {
            sourceConfig.put(SourceConfig.POLL_INTERVAL_MS, REPLAY_POLL_MS);
        }
        if (!options.keepsTwoStationsOnly()) {
            sourceConfig.keySet().removeIf(key -> key.startsWith("transforms"));
        }
        ShippedConfig.Connector aggregator = ShippedConfig.connector("velib-aggregator.json");
        aggregator.config().put(AggregatorConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        aggregator.config().put("metadata.csv", metadata.toAbsolutePath().toString());

        progress("Creating connectors " + source.name() + " and " + aggregator.name() + " ...");
        worker.create(source.name(), sourceConfig);
        worker.create(aggregator.name(), aggregator.config());
        progress("  created; waiting for the first totals ...");
    }

    private void progress(String line) {
        progressLines.add(line);
        err.println(line);
        err.flush();
    }

    private static String seconds(long startNanos) {
        return String.format(" (%.1f s)", (System.nanoTime() - startNanos) / 1e9);
    }
}

package io.velibconnect.benchmarks.stages;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.velibconnect.aggregate.AggregatorConfig;
import io.velibconnect.aggregate.VelibAggregatorConnector;
import io.velibconnect.converter.StreamingJsonConverter;
import io.velibconnect.source.VelibSourceConnector;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.AbstractStatus;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Stage {@code latency}: how long after a new feed snapshot is served the per-postcode totals show it. One KRaft
 * broker and one Connect worker in this JVM run the source (every station, {@code poll.interval.ms=100}, the
 * producer settings of {@code config/velib-source.json}) and the aggregator (its documented settings) against {@link SteppedFeed} on 127.0.0.1. For each published snapshot the
 * clock starts when the source's request receives it, so the wait for the next poll is left out, and stops when a
 * consumer of the totals topic gets a totals record carrying the snapshot's feed time: the first one (the first
 * group out) and the last one before 500 ms of quiet (every group the snapshot changed).
 *
 * <p>{@code java ... io.velibconnect.benchmarks.stages.LatencyStage [--quick] [--out DIR]}: 12 snapshots cycled
 * 10 times (119 samples), {@code --quick} once (11 samples); the first snapshot (all 1486 stations new) is not
 * counted.
 */
public final class LatencyStage {

    private static final String STATUS_TOPIC = "velib-projet";
    private static final String INFORMATION_TOPIC = "velib-stations";
    private static final String TOTALS_TOPIC = "velib-projet-final-data";
    private static final long POLL_INTERVAL_MS = 100;
    private static final double GOAL_P99_MS = 200;
    private static final double HISTOGRAM_BUCKET_MS = 10;
    private static final Path SHIPPED_SOURCE = Path.of("config", "velib-source.json");
    private static final String PRODUCER_OVERRIDE = "producer.override.";

    private LatencyStage() {
    }

    public static void main(String... args) throws Exception {
        StageOutput output = StageOutput.parse("latency", args);
        int passes = output.quick() ? 1 : 10;
        Path testdata = Path.of(System.getProperty("testdata.dir", "testdata"));
        List<Double> first = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        Map<String, String> producer = shippedProducerSettings(testdata);
        EmbeddedConnectCluster connect = cluster();
        connect.start();
        try (SteppedFeed feed = SteppedFeed.start(testdata)) {
            connect.kafka().createTopic(STATUS_TOPIC, 1);
            connect.kafka().createTopic(INFORMATION_TOPIC, 1, 1, Map.of("cleanup.policy", "compact"));
            connect.kafka().createTopic(TOTALS_TOPIC, 1);
            try (TotalsWatch totals = new TotalsWatch(connect.kafka(), TOTALS_TOPIC)) {
                Instant feedTime = feed.publish(0);
                connect.configureConnector("velib-aggregator", aggregator(connect, testdata));
                connect.configureConnector("velib-source", source(feed, producer));
                awaitRunning(connect, "velib-aggregator");
                awaitRunning(connect, "velib-source");
                TotalsWatch.Arrival warmUp = totals.await(feedTime);
                System.out.printf("latency: first snapshot (1486 stations) in %.0f ms; measuring %d snapshots%n",
                        warmUp.lastMillisSince(feed.servedNanos()), passes * feed.snapshots() - 1);
                for (int step = 1; step < passes * feed.snapshots(); step++) {
                    TotalsWatch.Arrival arrival = totals.await(feed.publish(step));
                    first.add(arrival.firstMillisSince(feed.servedNanos()));
                    all.add(arrival.lastMillisSince(feed.servedNanos()));
                }
            }
        } finally {
            connect.stop();
        }
        write(output, producer, first, all);
    }

    private static EmbeddedConnectCluster cluster() {
        Map<String, String> worker = new HashMap<>();
        worker.put("key.converter", StringConverter.class.getName());
        worker.put("value.converter", JsonConverter.class.getName());
        worker.put("value.converter.schemas.enable", "true");
        worker.put("offset.flush.interval.ms", "2000");
        return new EmbeddedConnectCluster.Builder().name("latency-stage").numWorkers(1).numBrokers(1)
                .workerProps(worker).build();
    }

    private static Map<String, String> source(SteppedFeed feed, Map<String, String> producer) {
        Map<String, String> config = new HashMap<>(producer);
        config.put("connector.class", VelibSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("gbfs.url", feed.gbfsUrl());
        config.put("status.topic", STATUS_TOPIC);
        config.put("information.topic", INFORMATION_TOPIC);
        config.put("poll.interval.ms", Long.toString(POLL_INTERVAL_MS));
        config.put("emit", "changed");
        return config;
    }

    /**
     * The {@code producer.override.*} entries of {@code config/velib-source.json} in the checkout the recorded
     * feeds come from: how the shipped source batches a snapshot's records decides much of the latency measured.
     */
    private static Map<String, String> shippedProducerSettings(Path testdata) throws IOException {
        Path shipped = testdata.toAbsolutePath().getParent().resolve(SHIPPED_SOURCE);
        Map<String, String> settings = new TreeMap<>();
        new ObjectMapper().readTree(shipped.toFile()).path("config").fields().forEachRemaining(entry -> {
            if (entry.getKey().startsWith(PRODUCER_OVERRIDE)) {
                settings.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return settings;
    }

    /** As {@code config/velib-aggregator.json}, but every station and this cluster. */
    private static Map<String, String> aggregator(EmbeddedConnectCluster connect, Path testdata) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", VelibAggregatorConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", STATUS_TOPIC);
        config.put("value.converter", StreamingJsonConverter.class.getName());
        config.put("value.converter.schemas.enable", "true");
        config.put("consumer.override.max.poll.records", "20000");
        config.put("consumer.override.max.partition.fetch.bytes", "16777216");
        config.put(AggregatorConfig.OUTPUT_TOPIC, TOTALS_TOPIC);
        config.put(AggregatorConfig.METADATA_TOPIC, INFORMATION_TOPIC);
        config.put(AggregatorConfig.METADATA_CSV,
                testdata.resolve("velib-metadata/stations_information.csv").toString());
        config.put(AggregatorConfig.BOOTSTRAP_SERVERS, connect.kafka().bootstrapServers());
        return config;
    }

    private static void awaitRunning(EmbeddedConnectCluster connect, String name) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                var state = connect.connectorStatus(name);
                if (state.tasks().size() == 1
                        && AbstractStatus.State.RUNNING.toString().equals(state.tasks().get(0).state())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // the connector is not known to the worker's REST API yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + "'s task is not RUNNING after 60 s");
    }

    private static void write(StageOutput output, Map<String, String> producer, List<Double> first,
                              List<Double> all) throws Exception {
        Spread firstSpread = Spread.of(first);
        Spread allSpread = Spread.of(all);
        boolean met = allSpread.p99() < GOAL_P99_MS;
        Map<String, Object> json = output.header();
        json.put("what", "feed snapshot served -> its totals in velib-projet-final-data, beyond the poll "
                + "(poll.interval.ms=" + POLL_INTERVAL_MS + ", clock started when the source's request got the "
                + "snapshot); first = first totals record of the snapshot, all = last one before "
                + TotalsWatch.QUIET_MS + " ms of quiet");
        json.put("source_producer", producer);
        json.put("unit", "ms");
        json.put("goal", "p99 < " + (int) GOAL_P99_MS + " ms beyond the poll (all groups)");
        json.put("goal_p99_ms", GOAL_P99_MS);
        json.put("goal_met", met);
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("first_group", firstSpread);
        ours.put("all_groups", allSpread);
        json.put("ours", ours);
        json.put("peer", null);
        json.put("ratio", null);
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("first_group", first);
        samples.put("all_groups", all);
        json.put("samples", samples);
        Map<String, Object> histogram = new LinkedHashMap<>();
        histogram.put("bucket_ms", HISTOGRAM_BUCKET_MS);
        histogram.put("first_group", Spread.histogram(first, HISTOGRAM_BUCKET_MS));
        histogram.put("all_groups", Spread.histogram(all, HISTOGRAM_BUCKET_MS));
        json.put("histogram", histogram);
        String markdown = String.format("""
                ## Latency: feed snapshot served → totals, beyond the poll

                Source (every station, poll every %d ms, its producer as shipped in `config/velib-source.json`: \
                %s) and aggregator (documented settings) on one broker and one \
                Connect worker in one JVM; the recorded series of 2024-12-15 (12 snapshots, 1486 stations) served on \
                127.0.0.1 one snapshot at a time. Clock from the moment the source's request got the snapshot to \
                the totals record carrying its feed time arriving at a consumer of `%s`. %d samples%s.

                | ms | p50 | p90 | p99 | max |
                |---|---|---|---|---|
                | first group's totals | %.0f | %.0f | %.0f | %.0f |
                | every changed group's totals | %.0f | %.0f | %.0f | %.0f |

                Goal: p99 < %.0f ms beyond the poll: **%s** (p99 %.0f ms). Preliminary: taken on a shared machine \
                (`%s`).
                """, POLL_INTERVAL_MS, producer.isEmpty() ? "Connect's defaults" : producer.entrySet().stream()
                        .map(e -> "`" + e.getKey().substring(PRODUCER_OVERRIDE.length()) + "=" + e.getValue() + "`")
                        .collect(Collectors.joining(", ")), TOTALS_TOPIC, allSpread.n(), output.quick() ? " (--quick)" : "",
                firstSpread.median(), firstSpread.p90(), firstSpread.p99(), firstSpread.max(),
                allSpread.median(), allSpread.p90(), allSpread.p99(), allSpread.max(),
                GOAL_P99_MS, met ? "met" : "not met", allSpread.p99(), json.get("uptime"));
        output.write(json, markdown);
        System.out.print(markdown);
    }
}

package io.velibconnect.benchmarks.aggregate;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.velibconnect.aggregate.StationMetadata;
import io.velibconnect.benchmarks.stages.Spread;
import io.velibconnect.benchmarks.stages.StageOutput;
import io.velibconnect.benchmarks.stages.TotalsWatch;
import io.velibconnect.gbfs.StationInformation;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.records.StationSchemas;
import io.velibconnect.source.StationRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Stage {@code spark}: our aggregator beside the original pipeline's engine, a Spark Structured Streaming job
 * ({@code benchmarks/spark}, local[1], in its own JVM), on one broker and one Connect worker in this JVM, both
 * reading the same status topic as JsonConverter writes it, with the same placement of stations in postcodes.
 * <ul>
 *   <li>throughput: the 12 recorded snapshots of 2024-12-15 repeated (each round a day later), preloaded; ours from
 *       creating the connector until its group committed the end; Spark's correct query (latest status per
 *       station, then summed per postcode) and its summing query (the original job: every record summed) each
 *       from starting the query until Trigger.AvailableNow ends;</li>
 *   <li>replay: the snapshots produced one at a time into a fresh topic read by ours and by both Spark queries at
 *       once; after each one, how long until each showed it, and each one's totals of a few postcodes: the
 *       series of the chart (ours exact, Spark's summing totals growing with every snapshot).</li>
 * </ul>
 * Heap: the peak used heap of each JVM (ours: the broker and worker JVM, so an upper bound for the aggregator).
 *
 * <p>{@code mvn -B -q -f benchmarks/spark/pom.xml package}, then {@code java -Xmx1g -Dtestdata.dir=testdata ...
 * io.velibconnect.benchmarks.aggregate.SparkStage [--quick] [--out DIR]}, from the project root.
 */
public final class SparkStage {

    /** Postcodes whose totals the replay series shows: station 16107's, and two of the largest in stations. */
    private static final List<String> CHART_POSTCODES = List.of("75016", "75015", "75013");
    private static final long SPARK_TIMEOUT_S = 240;
    private static final String REPLAY_INPUT = "replay-status";
    private static final long LINE_TIMEOUT_MS = 90_000;
    /** The Spark peer's module, from the project root unless {@code -Dbenchmark.spark.module} says otherwise. */
    private static final Path SPARK_MODULE = Path.of(System.getProperty("benchmark.spark.module", "benchmarks/spark"));

    private SparkStage() {
    }

    public static void main(String... args) throws Exception {
        StageOutput output = StageOutput.parse("spark", args);
        // read by TotalsRace when first used: the recorded feeds, and the aggregator's documented consumer settings
        System.getProperties().putIfAbsent("testdata.dir", "testdata");
        System.getProperties().putIfAbsent("benchmark.consumer.max.poll.records", "20000");
        System.getProperties().putIfAbsent("benchmark.consumer.max.partition.fetch.bytes", "16777216");
        int rounds = output.quick() ? 1 : 3;
        int runs = output.quick() ? 1 : 3;
        int replayed = output.quick() ? 6 : 18;
        Map<String, Object> json = output.header();
        try (TotalsRace race = new TotalsRace()) {
            Path csv = placementCsv();
            Path log = output.dir().resolve("spark-job.log");
            String bootstrap = race.connect.kafka().bootstrapServers();

            long records = race.load("throughput-status", "throughput-stations", rounds);
            List<Double> ours = new ArrayList<>();
            List<Double> oursSteady = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                TotalsRace.Run result = race.runAggregator("throughput-" + run, "throughput-status",
                        "throughput-stations", "throughput-totals-" + run, records);
                race.connect.deleteConnector("throughput-" + run);
                ours.add(records / (result.total().toMillis() / 1000.0));
                oursSteady.add(result.steadyRecordsPerSecond());
            }
            List<Double> correct = new ArrayList<>();
            List<Double> summing = new ArrayList<>();
            race.connect.kafka().createTopic(REPLAY_INPUT, 1);
            try (SparkPeer spark = SparkPeer.start(SPARK_MODULE, log, List.of(bootstrap, csv.toString(),
                    "throughput-status", REPLAY_INPUT, Long.toString(SPARK_TIMEOUT_S), Integer.toString(runs)))) {
                for (int i = 0; i < 2 * runs; i++) {
                    JsonNode done = spark.next(line -> line.path("event").asText().equals("done"), LINE_TIMEOUT_MS,
                            "throughput run").json();
                    (done.path("mode").asText().equals("correct") ? correct : summing)
                            .add(records / done.path("seconds").asDouble());
                }
                long sparkHeap = spark.next(line -> line.path("event").asText().equals("heap"), LINE_TIMEOUT_MS,
                        "heap figure").json().path("peak_used_bytes").asLong();
                json.put("throughput", throughput(records, rounds, ours, oursSteady, correct, summing));

                Replay replay = replay(race, spark, replayed);
                Map<String, Object> heap = new LinkedHashMap<>();
                heap.put("ours_jvm_peak_used_mb", peakHeap() / 1_048_576.0);
                heap.put("spark_jvm_peak_used_mb_throughput", sparkHeap / 1_048_576.0);
                heap.put("spark_jvm_peak_used_mb_replay", replay.sparkHeap() / 1_048_576.0);
                heap.put("note", "peak used heap of each JVM, both -Xmx1g. Ours: the JVM running the broker, the "
                        + "Connect worker and the aggregator (an upper bound); Spark: the job's JVM (driver and "
                        + "local[1] executor), after the throughput runs and at the end of the replay");
                json.put("heap", heap);
                json.put("replay", replay.json());
            }
        }
        output.write(json, markdown(output, json));
        System.out.print(markdown(output, json));
    }

    private static Map<String, Object> throughput(long records, int rounds, List<Double> ours,
                                                  List<Double> oursSteady, List<Double> correct,
                                                  List<Double> summing) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("what", String.format("records/s over %,d preloaded status records (%d rounds x 12 snapshots x "
                + "1486 stations), startup included on both sides", records, rounds));
        figures.put("ours", Spread.of(ours));
        figures.put("peer", Spread.of(correct));
        figures.put("peer_summing", Spread.of(summing));
        figures.put("ratio", Spread.of(ours).median() / Spread.of(correct).median());
        // with a small input both sides are mostly start-up (ours: connector start and group join); this is ours
        // between its first and last offset commit, which Spark's AvailableNow run has no counterpart of
        figures.put("ours_after_first_commit", Spread.of(oursSteady));
        figures.put("runs", Map.of("ours", ours, "ours_after_first_commit", oursSteady, "peer", correct,
                "peer_summing", summing));
        return figures;
    }

    /** The replay's figures and the Spark JVM's peak heap during it. */
    private record Replay(Map<String, Object> json, long sparkHeap) {
    }

    private static Replay replay(TotalsRace race, SparkPeer spark, int snapshots) throws Exception {
        String input = REPLAY_INPUT;
        String output = "replay-totals";
        race.connect.kafka().createTopic("replay-stations", 1, 1, Map.of("cleanup.policy", "compact"));
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "true"), false);
        List<List<StationStatus>> series = TotalsRace.snapshots();
        List<Map<String, Object>> points = new ArrayList<>();
        List<Double> oursLatency = new ArrayList<>();
        List<Double> correctLatency = new ArrayList<>();
        List<Double> summingLatency = new ArrayList<>();
        int disagreements = 0;
        long sparkHeap;
        try (KafkaProducer<byte[], byte[]> producer = race.connect.kafka().createProducer(Map.of());
             TotalsWatch ours = new TotalsWatch(race.connect.kafka(), output)) {
            for (StationInformation info : TotalsRace.information()) {
                producer.send(TotalsRace.record("replay-stations", info.key(), json.fromConnectData("replay-stations",
                        StationSchemas.INFORMATION, StationRecords.information(info, "velib"))));
            }
            producer.flush();
            race.startAggregator("replay-aggregator", input, "replay-stations", output);
            spark.next(line -> line.path("event").asText().equals("replay-started"), LINE_TIMEOUT_MS,
                    "start of the replay queries");
            long endOffset = 0;
            for (int i = 0; i < snapshots; i++) {
                Duration shift = Duration.ofDays(i / series.size());
                List<StationStatus> snapshot = series.get(i % series.size()).stream()
                        .map(s -> TotalsRace.shifted(s, shift)).toList();
                for (StationStatus s : snapshot) {
                    producer.send(TotalsRace.record(input, s.key(), json.fromConnectData(input, StationSchemas.STATUS,
                            StationRecords.status(s, "velib"))));
                }
                producer.flush();
                long produced = System.nanoTime();
                endOffset += snapshot.size();
                Instant feedTime = snapshot.get(0).lastUpdated();
                oursLatency.add(ours.await(feedTime).lastMillisSince(produced));
                Map<String, Long> oursBikes = ours.bikes();
                long last = endOffset - 1;
                // both queries' lines come interleaved: wait for the first of each covering the snapshot
                SparkPeer.Line correct = null;
                SparkPeer.Line summing = null;
                while (correct == null || summing == null) {
                    SparkPeer.Line line = spark.next(l -> batch(l, "correct", last) || batch(l, "summing", last),
                            LINE_TIMEOUT_MS, "totals of snapshot " + i);
                    if (line.json().path("mode").asText().equals("correct")) {
                        correct = correct == null ? line : correct;
                    } else {
                        summing = summing == null ? line : summing;
                    }
                }
                correctLatency.add((correct.nanos() - produced) / 1e6);
                summingLatency.add((summing.nanos() - produced) / 1e6);
                Map<String, Long> correctBikes = totals(correct.json());
                Map<String, Object> point = point(feedTime, oursBikes, correctBikes, totals(summing.json()));
                disagreements += point.containsKey("differences") ? 1 : 0;
                points.add(point);
            }
            race.connect.deleteConnector("replay-aggregator");
            spark.close();
            sparkHeap = spark.next(line -> line.path("event").asText().equals("heap"), LINE_TIMEOUT_MS,
                    "heap figure").json().path("peak_used_bytes").asLong();
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("what", "snapshots produced one at a time (1486 status records each); latency = from the "
                + "snapshot's last record acknowledged to each engine's totals of it (ours: its last totals record; "
                + "Spark: the foreachBatch output covering its last offset)");
        figures.put("snapshots", snapshots);
        figures.put("snapshots_where_spark_correct_differs_from_ours", disagreements);
        figures.put("latency_ms", Map.of("ours", Spread.of(oursLatency), "peer", Spread.of(correctLatency),
                "peer_summing", Spread.of(summingLatency)));
        figures.put("latency_samples_ms", Map.of("ours", oursLatency, "peer", correctLatency,
                "peer_summing", summingLatency));
        figures.put("postcodes", CHART_POSTCODES);
        figures.put("series", points);
        return new Replay(figures, sparkHeap);
    }

    private static boolean batch(JsonNode line, String mode, long lastOffset) {
        return line.path("event").asText().equals("batch") && line.path("mode").asText().equals(mode)
                && line.path("end_offset").asLong() >= lastOffset;
    }

    private static Map<String, Long> totals(JsonNode batch) {
        Map<String, Long> totals = new TreeMap<>();
        batch.path("totals").fields().forEachRemaining(e -> totals.put(e.getKey(), e.getValue().asLong()));
        return totals;
    }

    private static Map<String, Object> point(Instant feedTime, Map<String, Long> ours, Map<String, Long> correct,
                                             Map<String, Long> summing) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("snapshot_time", feedTime.toString());
        for (String postcode : CHART_POSTCODES) {
            point.put(postcode, Map.of("ours", ours.getOrDefault(postcode, 0L),
                    "spark_correct", correct.getOrDefault(postcode, 0L),
                    "spark_summing", summing.getOrDefault(postcode, 0L)));
        }
        Map<String, List<Long>> differences = new TreeMap<>();
        Set<String> groups = new TreeSet<>(ours.keySet());
        groups.addAll(correct.keySet());
        for (String group : groups) {
            long mine = ours.getOrDefault(group, 0L);
            long theirs = correct.getOrDefault(group, 0L);
            if (mine != theirs) {
                differences.put(group, List.of(mine, theirs));
            }
        }
        if (!differences.isEmpty()) {
            // [ours, Spark-correct] of every group where they differ
            point.put("differences", differences);
        }
        return point;
    }

    /**
     * The {@code stationCode,postcode} file the Spark job joins: every station of the information snapshot placed
     * as ours places it (the seed's CSV, then the feed's post_code), so both sum the same stations per postcode.
     */
    private static Path placementCsv() throws Exception {
        StationMetadata metadata = TotalsRace.metadata();
        String rows = TotalsRace.information().stream()
                .map(info -> info.stationCode() + "," + metadata.of("velib", info.stationId(), info.stationCode()).group())
                .collect(Collectors.joining("\n"));
        Path csv = Files.createTempFile("spark-placement", ".csv");
        csv.toFile().deleteOnExit();
        Files.writeString(csv, "stationCode,postcode\n" + rows + "\n");
        return csv;
    }

    static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static String markdown(StageOutput output, Map<String, Object> json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> throughput = (Map<String, Object>) json.get("throughput");
        @SuppressWarnings("unchecked")
        Map<String, Object> replay = (Map<String, Object>) json.get("replay");
        @SuppressWarnings("unchecked")
        Map<String, Spread> latency = (Map<String, Spread>) replay.get("latency_ms");
        @SuppressWarnings("unchecked")
        Map<String, Object> heap = (Map<String, Object>) json.get("heap");
        Spread ours = (Spread) throughput.get("ours");
        Spread peer = (Spread) throughput.get("peer");
        Spread summing = (Spread) throughput.get("peer_summing");
        return String.format("""
                ### Aggregator vs Spark Structured Streaming (the original pipeline's engine)

                Spark 4.2.0 (Scala 2.13, local[1], its own JVM with kafka-clients 3.9.2) reads the same status topic \
                as ours, with the same placement of stations in postcodes. *Spark-correct*: latest status per \
                station, then summed per postcode; *Spark-summing*: the original job, every record summed. %s.

                | | ours | Spark-correct | Spark-summing |
                |---|---|---|---|
                | records/s, median (min–max) | %,.0f (%,.0f–%,.0f) | %,.0f (%,.0f–%,.0f) | %,.0f (%,.0f–%,.0f) |
                | records/s after ours' first commit, median | %,.0f | — | — |
                | replay latency p50 / max, ms | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f |
                | peak heap used, MB | %.0f (broker + worker + ours) | %.0f (job JVM) | (same JVM) |

                Ratio ours / Spark-correct (records/s, medians): **%.1fx**. Over the replay of %d snapshots, \
                Spark-correct differed from ours after %d of them; Spark-summing's totals grow with every snapshot \
                (series in `spark.json`, postcodes %s). Preliminary: taken on a shared machine (`%s`)%s.
                """, throughput.get("what"),
                ours.median(), ours.min(), ours.max(), peer.median(), peer.min(), peer.max(),
                summing.median(), summing.min(), summing.max(),
                ((Spread) throughput.get("ours_after_first_commit")).median(),
                latency.get("ours").median(), latency.get("ours").max(), latency.get("peer").median(),
                latency.get("peer").max(), latency.get("peer_summing").median(), latency.get("peer_summing").max(),
                (double) heap.get("ours_jvm_peak_used_mb"),
                Math.max((double) heap.get("spark_jvm_peak_used_mb_throughput"),
                        (double) heap.get("spark_jvm_peak_used_mb_replay")),
                throughput.get("ratio"), replay.get("snapshots"),
                replay.get("snapshots_where_spark_correct_differs_from_ours"), CHART_POSTCODES, json.get("uptime"),
                output.quick() ? "; --quick" : "");
    }
}

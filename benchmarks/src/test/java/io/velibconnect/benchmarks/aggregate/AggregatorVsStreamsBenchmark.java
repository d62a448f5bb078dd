package io.velibconnect.benchmarks.aggregate;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Throughput and feed-change → totals latency of the aggregator versus {@link StreamsTotals}, one measured run
 * each after a short warm-up of both, on one broker and one worker in this JVM. Not part of the build's tests (the name matches neither *Test nor *IT);
 * run it with
 * {@code mvn -B -o -q -pl benchmarks -am test -Dtest=AggregatorVsStreamsBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbenchmark.rounds=20}; results are printed and written to {@code benchmarks/target/aggregate-benchmark.md}.
 */
class AggregatorVsStreamsBenchmark {

    private static final int LATENCY_SAMPLES = 21;

    @Test
    void run() throws Exception {
        int rounds = Integer.getInteger("benchmark.rounds", 20);
        StringBuilder report = new StringBuilder();
        try (TotalsRace race = new TotalsRace()) {
            warmUp(race);
            long records = race.load("status", "stations", rounds);
            report.append(String.format("input: %,d status records (%d rounds x 12 snapshots x 1486 stations); "
                    + "converter on both: %s; Streams' state serde: %s; consumer settings on both: %s%n%n", records,
                    rounds, TotalsRace.CONVERTER, TotalsRace.STREAMS_SERDE,
                    TotalsRace.CONSUMER.isEmpty()
                    ? "none (each one's defaults; max.poll.records: Connect 500, Streams 1000)" : TotalsRace.CONSUMER));
            if (!TotalsRace.OURS.isEmpty()) {
                report.append(String.format("connector settings given to ours only: %s%n%n", TotalsRace.OURS));
            }
            report.append("| contender | time to commit all input | records/s overall | records/s after first "
                    + "commit | latency median | latency p90 |\n");
            report.append("|---|---|---|---|---|---|\n");

            TotalsRace.Run ours = race.runAggregator("aggregator", "status", "stations", "totals-ours", records);
            String oursMetrics = TaskMetricsLine.of("aggregator");
            List<Double> oursLatency = race.latencies("status", "totals-ours", "75016", LATENCY_SAMPLES);
            race.connect.deleteConnector("aggregator");
            row(report, "VelibAggregatorConnector (sink task)", records, ours, oursLatency);

            TotalsRace.Run streams = race.runStreams("streams-totals", "status", "totals-streams", records);
            List<Double> streamsLatency = race.latencies("status", "totals-streams", "75016", LATENCY_SAMPLES);
            row(report, "Kafka Streams (StreamsTotals, default cache, commit 500 ms)", records, streams,
                    streamsLatency);
            report.append(String.format("%nratio ours/Streams, records/s overall: %.2f, after first commit: %.2f%n",
                    (double) streams.total().toMillis() / ours.total().toMillis(),
                    ours.steadyRecordsPerSecond() / streams.steadyRecordsPerSecond()));
            report.append(String.format("%nours: %s%nours: %s%nStreams: %s%n", oursMetrics, ours.cpu(), streams.cpu()));
        }
        System.out.println(report);
        java.nio.file.Path out = java.nio.file.Path.of("target", "aggregate-benchmark.md");
        java.nio.file.Files.writeString(out, report);
    }

    /** Both contenders once over 2 rounds, so neither measured run pays for the JIT compiling shared code. */
    private static void warmUp(TotalsRace race) throws Exception {
        long records = race.load("warmup-status", "warmup-stations", 2);
        race.runAggregator("warmup-aggregator", "warmup-status", "warmup-stations", "warmup-ours", records);
        race.connect.deleteConnector("warmup-aggregator");
        race.runStreams("warmup-streams", "warmup-status", "warmup-streams-out", records);
        race.closeStreams();
    }

    private static void row(StringBuilder report, String name, long records, TotalsRace.Run run,
                            List<Double> latency) {
        List<Double> sorted = latency.stream().sorted().toList();
        long millis = run.total().toMillis();
        report.append(String.format("| %s | %.1f s | %,.0f | %,.0f | %.0f ms | %.0f ms |%n", name, millis / 1000.0,
                records * 1000.0 / millis, run.steadyRecordsPerSecond(), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1)));
    }
}

package io.velibconnect.benchmarks.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Throughput and feed-change → totals latency of the aggregator versus {@link StreamsTotals}, after a short warm-up
 * of both, on one broker and one worker in this JVM: {@code -Dbenchmark.repeats=N} measured runs of each,
 * alternating (latency is taken in the last), with the ratio of each pair and their median. Not part of the
 * build's tests (the name matches neither *Test nor *IT); run it with {@code mvn -B -o -q -pl benchmarks -am test
 * -Dtest=AggregatorVsStreamsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.rounds=60
 * -Dbenchmark.repeats=5}; results are printed and written to {@code benchmarks/target/aggregate-benchmark.md}.
 */
class AggregatorVsStreamsBenchmark {

    private static final int LATENCY_SAMPLES = 21;

    @Test
    void run() throws Exception {
        int rounds = Integer.getInteger("benchmark.rounds", 20);
        int repeats = Integer.getInteger("benchmark.repeats", 1);
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
            report.append("| run | contender | time to commit all input | records/s overall | records/s after first "
                    + "commit | latency median | latency p90 |\n");
            report.append("|---|---|---|---|---|---|---|\n");

            List<Double> overall = new ArrayList<>();
            List<Double> steady = new ArrayList<>();
            StringBuilder cpu = new StringBuilder();
            for (int repeat = 1; repeat <= repeats; repeat++) {
                boolean last = repeat == repeats;
                String name = "aggregator-" + repeat;
                TotalsRace.Run ours = race.runAggregator(name, "status", "stations", "totals-ours-" + repeat,
                        records);
                String oursMetrics = TaskMetricsLine.of(name);
                List<Double> oursLatency = last
                        ? race.latencies("status", "totals-ours-" + repeat, "75016", LATENCY_SAMPLES) : List.of();
                race.connect.deleteConnector(name);
                row(report, repeat, "VelibAggregatorConnector (sink task)", records, ours, oursLatency);

                TotalsRace.Run streams = race.runStreams("streams-totals-" + repeat, "status",
                        "totals-streams-" + repeat, records);
                List<Double> streamsLatency = last
                        ? race.latencies("status", "totals-streams-" + repeat, "75016", LATENCY_SAMPLES) : List.of();
                race.closeStreams();
                row(report, repeat, "Kafka Streams (StreamsTotals, default cache, commit 500 ms)", records, streams,
                        streamsLatency);
                overall.add((double) streams.total().toMillis() / ours.total().toMillis());
                steady.add(ours.steadyRecordsPerSecond() / streams.steadyRecordsPerSecond());
                cpu.append(String.format("%nrun %d ours: %s%nrun %d ours: %s%nrun %d Streams: %s%n", repeat,
                        oursMetrics, repeat, ours.cpu(), repeat, streams.cpu()));
            }
            report.append(String.format("%nratio ours/Streams per run, records/s overall: %s, after first commit: %s"
                    + "%nmedian: %.2f overall, %.2f after first commit%n", ratios(overall), ratios(steady),
                    median(overall), median(steady)));
            report.append(cpu);
        }
        System.out.println(report);
        java.nio.file.Path out = java.nio.file.Path.of("target", "aggregate-benchmark.md");
        java.nio.file.Files.writeString(out, report);
    }

    /**
     * Both contenders once over {@code -Dbenchmark.warmup.rounds} rounds (10 by default, 178,320 records), so the
     * measured runs do not pay for the JIT compiling shared code; later repeats still run faster than the first.
     */
    private static void warmUp(TotalsRace race) throws Exception {
        long records = race.load("warmup-status", "warmup-stations",
                Integer.getInteger("benchmark.warmup.rounds", 10));
        race.runAggregator("warmup-aggregator", "warmup-status", "warmup-stations", "warmup-ours", records);
        race.connect.deleteConnector("warmup-aggregator");
        race.runStreams("warmup-streams", "warmup-status", "warmup-streams-out", records);
        race.closeStreams();
    }

    private static void row(StringBuilder report, int repeat, String name, long records, TotalsRace.Run run,
                            List<Double> latency) {
        List<Double> sorted = latency.stream().sorted().toList();
        long millis = run.total().toMillis();
        report.append(String.format("| %d | %s | %.1f s | %,.0f | %,.0f | %s | %s |%n", repeat, name, millis / 1000.0,
                records * 1000.0 / millis, run.steadyRecordsPerSecond(),
                sorted.isEmpty() ? "" : String.format("%.0f ms", sorted.get(sorted.size() / 2)),
                sorted.isEmpty() ? "" : String.format("%.0f ms", sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1))));
    }

    private static String ratios(List<Double> ratios) {
        return ratios.stream().map(r -> String.format("%.2f", r)).collect(Collectors.joining(", "));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

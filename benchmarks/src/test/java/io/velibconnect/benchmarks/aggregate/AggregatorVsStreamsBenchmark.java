package io.velibconnect.benchmarks.aggregate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.velibconnect.benchmarks.report.Comparison;
import io.velibconnect.benchmarks.report.Contender;
import io.velibconnect.benchmarks.report.Figure;
import io.velibconnect.benchmarks.report.Machine;
import io.velibconnect.benchmarks.report.StageResult;
import org.junit.jupiter.api.Test;

/**
 * Throughput and feed-change → totals latency of the aggregator versus {@link StreamsTotals}, after a short warm-up
 * of both, on one broker and one worker in this JVM: {@code -Dbenchmark.repeats=N} measured runs of each,
 * alternating (latency is taken in the last), with the ratio of each pair and their median. Not part of the
 * build's tests (the name matches neither *Test nor *IT); {@code bin/bench} runs it, or {@code mvn -B -o -q -pl
 * benchmarks -am test -Dtest=AggregatorVsStreamsBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbenchmark.rounds=60 -Dbenchmark.repeats=5}. It writes the aggregator stage's result ({@link StageResult}) into
 * {@code -Dbenchmark.results} (benchmarks/results).
 */
class AggregatorVsStreamsBenchmark {

    static final String OURS = "VelibAggregatorConnector (sink task)";

    @Test
    void run() throws Exception {
        race(Integer.getInteger("benchmark.warmup.rounds", 10), Integer.getInteger("benchmark.rounds", 20),
                Integer.getInteger("benchmark.repeats", 1), Integer.getInteger("benchmark.latency.samples", 21),
                Path.of(System.getProperty("benchmark.results", "results")));
    }

    /**
     * Runs the race and writes its stage result into {@code results}; a warm-up of 0 rounds skips the warm-up.
     *
     * @return the stage result written
     */
    static StageResult race(int warmupRounds, int rounds, int repeats, int latencySamples, Path results)
            throws Exception {
        String peer = "Kafka Streams (StreamsTotals, " + TotalsRace.STREAMS_SERDE + " state serdes)";
        StringBuilder report = new StringBuilder();
        List<Double> oursOverall = new ArrayList<>();
        List<Double> oursSteady = new ArrayList<>();
        List<Double> streamsOverall = new ArrayList<>();
        List<Double> streamsSteady = new ArrayList<>();
        List<Double> oursLatency = List.of();
        List<Double> streamsLatency = List.of();
        try (TotalsRace race = new TotalsRace()) {
            if (warmupRounds > 0) {
                warmUp(race, warmupRounds);
            }
            long records = race.load("status", "stations", rounds);
            report.append(String.format("Input: %,d status records (%d rounds x 12 snapshots x 1486 stations); "
                    + "converter on both: `%s`; Streams' state serdes: %s; consumer settings on both: %s.%n%n",
                    records, rounds, TotalsRace.CONVERTER, TotalsRace.STREAMS_SERDE,
                    TotalsRace.CONSUMER.isEmpty()
                    ? "none (each one's defaults; max.poll.records: Connect 500, Streams 1000)" : TotalsRace.CONSUMER));
            if (!TotalsRace.OURS.isEmpty()) {
                report.append(String.format("Connector settings given to ours only: %s.%n%n", TotalsRace.OURS));
            }
            report.append("| run | contender | time to commit all input | records/s overall | records/s after first "
                    + "commit |\n|---|---|---|---|---|\n");
            StringBuilder cpu = new StringBuilder();
            for (int repeat = 1; repeat <= repeats; repeat++) {
                boolean last = repeat == repeats;
                String name = "aggregator-" + repeat;
                TotalsRace.Run ours = race.runAggregator(name, "status", "stations", "totals-ours-" + repeat,
                        records);
                String oursMetrics = TaskMetricsLine.of(name);
                if (last) {
                    oursLatency = race.latencies("status", "totals-ours-" + repeat, "75016", latencySamples);
                }
                race.connect.deleteConnector(name);
                row(report, repeat, OURS, records, ours, oursOverall, oursSteady);

                TotalsRace.Run streams = race.runStreams("streams-totals-" + repeat, "status",
                        "totals-streams-" + repeat, records);
                if (last) {
                    streamsLatency = race.latencies("status", "totals-streams-" + repeat, "75016", latencySamples);
                }
                race.closeStreams();
                row(report, repeat, peer, records, streams, streamsOverall, streamsSteady);
                cpu.append(String.format("%nrun %d ours: %s%nrun %d ours: %s%nrun %d Streams: %s%n", repeat,
                        oursMetrics, repeat, ours.cpu(), repeat, streams.cpu()));
            }
            report.append(String.format("%nRatio ours/Streams per run, records/s overall: %s; after first commit: "
                    + "%s.%n%nCPU per thread and the worker's task metrics:%n%n```%s```%n",
                    ratios(oursOverall, streamsOverall), ratios(oursSteady, streamsSteady), cpu));
        }
        StageResult result = new StageResult("aggregator", "Aggregator vs Kafka Streams",
                Machine.describe(), String.format("bin/bench aggregator (rounds=%d, repeats=%d, warm-up %d rounds, "
                + "Streams serdes %s)", rounds, repeats, warmupRounds, TotalsRace.STREAMS_SERDE), List.of(
                Comparison.paired("throughput, start to all input committed", "records/s", true,
                        new Contender(OURS, Figure.of(oursOverall)), new Contender(peer, Figure.of(streamsOverall)),
                        2.0, null),
                Comparison.paired("throughput after the first commit", "records/s", true,
                        new Contender(OURS, Figure.of(oursSteady)), new Contender(peer, Figure.of(streamsSteady)),
                        null, null),
                Comparison.of("feed change → group totals latency (last run)", "ms", false,
                        new Contender(OURS, Figure.of(oursLatency)), new Contender(peer, Figure.of(streamsLatency)),
                        null, null)));
        result.write(results, report.toString());
        System.out.println(report);
        return result;
    }

    /**
     * Both contenders once over {@code rounds} rounds (10 by default, 178,320 records), so the measured runs do not
     * pay for the JIT compiling shared code; later repeats still run faster than the first.
     */
    private static void warmUp(TotalsRace race, int rounds) throws Exception {
        long records = race.load("warmup-status", "warmup-stations", rounds);
        race.runAggregator("warmup-aggregator", "warmup-status", "warmup-stations", "warmup-ours", records);
        race.connect.deleteConnector("warmup-aggregator");
        race.runStreams("warmup-streams", "warmup-status", "warmup-streams-out", records);
        race.closeStreams();
    }

    private static void row(StringBuilder report, int repeat, String name, long records, TotalsRace.Run run,
                            List<Double> overall, List<Double> steady) {
        long millis = run.total().toMillis();
        overall.add(records * 1000.0 / millis);
        steady.add(run.steadyRecordsPerSecond());
        report.append(String.format("| %d | %s | %.1f s | %,.0f | %,.0f |%n", repeat, name, millis / 1000.0,
                records * 1000.0 / millis, run.steadyRecordsPerSecond()));
    }

    private static String ratios(List<Double> ours, List<Double> streams) {
        List<String> ratios = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            ratios.add(String.format("%.2f", ours.get(i) / streams.get(i)));
        }
        return String.join(", ", ratios);
    }
}

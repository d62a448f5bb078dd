package io.velibconnect.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a JMH result file ({@code -rf json}) of one of the JMH stages into its {@link StageResult}: each measured
 * iteration is a sample, so the figures are the median and spread of one JMH invocation's iterations. Usage:
 * {@code JmhStage <feed|where|converter> <jmh-result.json> <results-dir> <command> [<pairs.json>]}; the feed stage
 * adds the paired rounds of {@code FeedPairs} where a pairs file is given.
 */
public final class JmhStage {

    /** One comparison of a stage: two benchmark methods on one metric (JMH's primary one, or a profiler's). */
    private record Pair(String what, String ours, String peer, String metric, String unit, double scale,
                        Double ratioGoal, Double oursGoal) {
    }

    private record Definition(String title, List<Pair> pairs) {
    }

    private static final String PRIMARY = "";
    private static final String ALLOCATION = "gc.alloc.rate.norm";
    private static final double MIB = 1024 * 1024;

    /** The feed stage's goal, which {@link #feedPairs} judges in alternating rounds too. */
    private static final Pair FEED_FLOOR = new Pair("time per poll, ours vs the token floor", "feedParserAndDiff",
            "jacksonStreamingTokens", PRIMARY, "ms/poll", 1, 1.5, 5.0);

    private static final Map<String, Definition> STAGES = Map.of(
            "feed", new Definition("Feed poll: FeedParser + StationDiff vs Jackson", List.of(
                    FEED_FLOOR,
                    new Pair("time per poll, ours vs a naive tree parse", "feedParserAndDiff", "naiveTreeAndDiff",
                            PRIMARY, "ms/poll", 1, null, null),
                    // the token floor allocates about 1 KB a poll: a ratio to it says nothing
                    new Pair("allocation per poll, ours vs a naive tree parse", "feedParserAndDiff",
                            "naiveTreeAndDiff", ALLOCATION, "MiB/poll", 1 / MIB, null, 2.0))),
            "where", new Definition("Where vs hand-written predicate", List.of(
                    new Pair("per record, on Structs", "whereCompiledStruct", "handWrittenJavaPredicate", PRIMARY,
                            "ns/record", 1, 1.5, null),
                    new Pair("per record, schemaless maps vs Structs", "whereCompiledSchemalessMap",
                            "handWrittenJavaPredicate", PRIMARY, "ns/record", 1, null, null))),
            "converter", new Definition("StreamingJsonConverter vs JsonConverter", List.of(
                    new Pair("read one record", "readStreamingJsonConverter", "readJsonConverter", PRIMARY,
                            "ns/record", 1, null, null),
                    new Pair("write one record", "writeStreamingJsonConverter", "writeJsonConverter", PRIMARY,
                            "ns/record", 1, null, null))));

    private JmhStage() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4 || args.length > 5 || !STAGES.containsKey(args[0])) {
            throw new IllegalArgumentException("usage: JmhStage <" + String.join("|", STAGES.keySet())
                    + "> <jmh-result.json> <results-dir> <command> [<pairs.json>]");
        }
        StageResult result = of(args[0], Path.of(args[1]), args[3]);
        if (args.length == 5) {
            result = result.with(feedPairs(Path.of(args[4])));
        }
        result.write(Path.of(args[2]));
    }

    /** The stage's result from a JMH result file; every benchmark its comparisons name must be in it. */
    public static StageResult of(String stage, Path jmhResult, String command) throws IOException {
        Definition definition = STAGES.get(stage);
        JsonNode runs = new ObjectMapper().readTree(jmhResult.toFile());
        List<Comparison> comparisons = new ArrayList<>();
        for (Pair pair : definition.pairs()) {
            comparisons.add(Comparison.of(pair.what(), pair.unit(), false,
                    new Contender(pair.ours(), figure(runs, pair.ours(), pair.metric(), pair.scale(), jmhResult)),
                    new Contender(pair.peer(), figure(runs, pair.peer(), pair.metric(), pair.scale(), jmhResult)),
                    pair.ratioGoal(), pair.oursGoal()));
        }
        return new StageResult(stage, definition.title(), Machine.describe(), command, comparisons);
    }

    /** The paired rounds of FeedPairs: the poll and the token floor in alternation, by CPU time. */
    static Comparison feedPairs(Path file) throws IOException {
        JsonNode pairs = new ObjectMapper().readTree(file.toFile());
        List<Double> ours = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        pairs.path(FEED_FLOOR.ours()).forEach(sample -> ours.add(sample.asDouble()));
        pairs.path(FEED_FLOOR.peer()).forEach(sample -> floor.add(sample.asDouble()));
        return Comparison.paired(FEED_FLOOR.what() + ", in alternating rounds (thread CPU time, FeedPairs)",
                FEED_FLOOR.unit(), false, new Contender(FEED_FLOOR.ours(), Figure.of(ours)),
                new Contender(FEED_FLOOR.peer(), Figure.of(floor)), FEED_FLOOR.ratioGoal(), FEED_FLOOR.oursGoal());
    }

    /** Every measured iteration of every fork of {@code method} on {@code metric}, scaled. */
    private static Figure figure(JsonNode runs, String method, String metric, double scale, Path file) {
        for (JsonNode run : runs) {
            if (!run.path("benchmark").asText().endsWith("." + method)) {
                continue;
            }
            JsonNode measured = metric.equals(PRIMARY) ? run.path("primaryMetric") : secondary(run, metric);
            List<Double> samples = new ArrayList<>();
            for (JsonNode fork : measured.path("rawData")) {
                fork.forEach(iteration -> samples.add(iteration.asDouble() * scale));
            }
            if (!samples.isEmpty()) {
                return Figure.of(samples);
            }
        }
        throw new IllegalArgumentException(file + " has no " + (metric.equals(PRIMARY) ? "score" : metric)
                + " for " + method + (metric.equals(PRIMARY) ? "" : " (run JMH with -prof gc)"));
    }

    /** JMH names profiler metrics with a leading "·" in some versions and not in others. */
    private static JsonNode secondary(JsonNode run, String metric) {
        var names = run.path("secondaryMetrics").fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.endsWith(metric)) {
                return run.path("secondaryMetrics").path(name);
            }
        }
        return run.path("missing");
    }
}

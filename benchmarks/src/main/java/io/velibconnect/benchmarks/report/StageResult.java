package io.velibconnect.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The raw figures of one stage of {@code bin/bench}, written as {@code benchmarks/results/<stage>.json} beside its
 * markdown fragment {@code <stage>.md}; {@link BenchmarksReport} reads both.
 *
 * @param stage       the stage's name (feed, where, converter, aggregator, latency, spark, scale)
 * @param title       the section's heading
 * @param machine     the machine and its load when the stage ran ({@link Machine#describe()})
 * @param command     how to repeat the measurement
 * @param comparisons ours against each peer
 */
public record StageResult(String stage, String title, String machine, String command,
                          List<Comparison> comparisons) {

    /** A stage may write more than these fields (its own chart's data): they are left to its {@link StageChart}. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public StageResult {
        comparisons = List.copyOf(comparisons);
    }

    /** The same stage with one comparison more, after the others. */
    public StageResult with(Comparison comparison) {
        List<Comparison> more = new ArrayList<>(comparisons);
        more.add(comparison);
        return new StageResult(stage, title, machine, command, more);
    }

    public static StageResult read(Path json) throws IOException {
        return JSON.readValue(json.toFile(), StageResult.class);
    }

    /** Writes {@code <stage>.json} and, from {@link StageFragment}, {@code <stage>.md} into {@code results}. */
    public void write(Path results) throws IOException {
        write(results, "");
    }

    /** The same, the fragment followed by {@code details} (markdown: every run, CPU per thread). */
    public void write(Path results, String details) throws IOException {
        write(results, details, Map.of());
    }

    /**
     * The same, the json carrying {@code chartData}'s fields too (its {@link StageChart}'s data; names that are
     * not this record's).
     */
    public void write(Path results, String details, Map<String, Object> chartData) throws IOException {
        Files.createDirectories(results);
        ObjectNode json = JSON.valueToTree(this);
        chartData.forEach((field, value) -> json.set(field, JSON.valueToTree(value)));
        JSON.writeValue(results.resolve(stage + ".json").toFile(), json);
        Files.writeString(results.resolve(stage + ".md"), StageFragment.of(this)
                + (details.isBlank() ? "" : "\n" + details.stripTrailing() + "\n"));
    }
}

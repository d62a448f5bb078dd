package io.velibconnect.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Assembles BENCHMARKS.md: the hand-written header, then each stage in a fixed order, its generated fragment
 * ({@code <stage>.md}), the charts drawn from its raw figures ({@code <stage>.json}) and its hand-written notes
 * ({@code benchmarks/notes/<stage>.md}, optional); a stage without a fragment is reported as not run. Usage:
 * {@code BenchmarksReport <output.md> [results-dir] [header.md] [charts-dir] [notes-dir]}, the defaults relative to
 * the project root: benchmarks/results, benchmarks/BENCHMARKS.header.md, docs/bench, benchmarks/notes.
 */
public final class BenchmarksReport {

    /** The stages in the order BENCHMARKS.md shows them. */
    public static final List<String> STAGES = List.of("feed", "where", "converter", "aggregator", "latency", "spark",
            "scale");

    /** Charts a stage draws from its own json, beyond the ratio bars (see {@link StageChart}). */
    static final Map<String, StageChart> CHARTS = Map.of("latency", new LatencyChart(), "spark", new SparkChart(),
            "scale", new ScaleChart());

    private static final String GENERATED = "<!-- Generated below by BenchmarksReport from benchmarks/results "
            + "(bin/bench); edit benchmarks/BENCHMARKS.header.md or benchmarks/notes/ instead. -->\n";

    private BenchmarksReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 5) {
            throw new IllegalArgumentException("usage: BenchmarksReport <output.md> [results-dir] [header.md] "
                    + "[charts-dir] [notes-dir]");
        }
        Path output = Path.of(args[0]);
        Path results = Path.of(args.length > 1 ? args[1] : "benchmarks/results");
        Path header = Path.of(args.length > 2 ? args[2] : "benchmarks/BENCHMARKS.header.md");
        Path charts = Path.of(args.length > 3 ? args[3] : "docs/bench");
        Path notes = Path.of(args.length > 4 ? args[4] : "benchmarks/notes");
        Files.writeString(output, assemble(output, results, header, charts, notes));
    }

    /** The text of BENCHMARKS.md at {@code output}; charts are written into {@code charts}, linked relatively. */
    public static String assemble(Path output, Path results, Path header, Path charts, Path notes)
            throws IOException {
        Files.createDirectories(charts);
        StringBuilder md = new StringBuilder(Files.readString(header).stripTrailing()).append("\n\n").append(GENERATED);
        for (String stage : STAGES) {
            md.append('\n');
            Path fragment = results.resolve(stage + ".md");
            if (!Files.isRegularFile(fragment)) {
                md.append("## ").append(stage).append("\n\nNot run (no ")
                        .append(relative(output, fragment).toString().replace('\\', '/')).append(").\n");
                continue;
            }
            md.append(Files.readString(fragment).stripTrailing()).append("\n");
            for (Path png : charts(stage, results.resolve(stage + ".json"), charts)) {
                Path link = relative(output, png);
                md.append("\n![").append(stage).append(": ").append(png.getFileName()).append("](")
                        .append(link.toString().replace('\\', '/')).append(")\n");
            }
            Path note = notes.resolve(stage + ".md");
            if (Files.isRegularFile(note)) {
                md.append('\n').append(Files.readString(note).stripTrailing()).append('\n');
            }
        }
        return md.toString();
    }

    private static List<Path> charts(String stage, Path json, Path charts) throws IOException {
        List<Path> drawn = new ArrayList<>();
        if (!Files.isRegularFile(json)) {
            return drawn;
        }
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        // a stage with its own shape of json (latency, spark) has no ours/peer comparisons to draw as ratios
        if (!figures.path("comparisons").isEmpty()) {
            drawn.add(RatioChart.draw(StageResult.read(json), charts));
        }
        StageChart own = CHARTS.get(stage);
        if (own != null) {
            drawn.add(own.draw(figures, charts));
        }
        return drawn;
    }

    private static Path relative(Path output, Path file) {
        Path base = output.toAbsolutePath().normalize().getParent();
        return base.relativize(file.toAbsolutePath().normalize());
    }
}

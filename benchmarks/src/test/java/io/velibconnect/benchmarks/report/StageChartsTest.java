package io.velibconnect.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latency and spark stages write json of their own shape (no ours/peer comparisons): the report draws their
 * own charts from it, links them under their fragments, and draws no ratio bars for them.
 */
class StageChartsTest {

    private static final String LATENCY = """
            {"stage": "latency", "quick": true, "goal_p99_ms": 200.0,
             "ours": {"all_groups": {"n": 4, "min": 31, "median": 42, "p90": 250, "p99": 250, "max": 250}},
             "histogram": {"bucket_ms": 10.0, "all_groups": [0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                                            0, 0, 0, 0, 0, 0, 0, 1]}}
            """;
    private static final String SPARK = """
            {"stage": "spark", "replay": {"postcodes": ["75016"], "series": [
              {"75016": {"ours": 610, "spark_correct": 610, "spark_summing": 610}},
              {"75016": {"ours": 605, "spark_correct": 605, "spark_summing": 1215}},
              {"75016": {"ours": 720, "spark_correct": 720, "spark_summing": 1935}}]}}
            """;

    @Test
    void latencyAndSparkGetTheirOwnChartsAndNoRatioBars(@TempDir Path dir) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Files.writeString(results.resolve("latency.json"), LATENCY);
        Files.writeString(results.resolve("latency.md"), "## Latency\n");
        Files.writeString(results.resolve("spark.json"), SPARK);
        Files.writeString(results.resolve("spark.md"), "## Spark\n");
        Path header = Files.writeString(dir.resolve("header.md"), "# Benchmarks\n");
        Path charts = dir.resolve("charts");

        String report = BenchmarksReport.assemble(dir.resolve("BENCHMARKS.md"), results, header, charts,
                dir.resolve("notes"));

        assertTrue(report.contains("## Latency\n\n![latency: latency-histogram.png](charts/latency-histogram.png)"),
                report);
        assertTrue(report.contains("## Spark\n\n![spark: spark-totals.png](charts/spark-totals.png)"), report);
        assertTrue(Files.size(charts.resolve("latency-histogram.png")) > 1000);
        assertTrue(Files.size(charts.resolve("spark-totals.png")) > 1000);
        assertFalse(Files.exists(charts.resolve("latency-ratio.png")));
        assertFalse(Files.exists(charts.resolve("spark-ratio.png")));
    }
}

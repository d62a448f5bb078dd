package io.velibconnect.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import io.velibconnect.benchmarks.feed.FeedPairs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH stages (feed, where, converter) run for one short iteration in this JVM, turn into stage results, and
 * the report assembles them: results are produced, whatever the figures.
 */
class BenchmarksSmokeTest {

    @Test
    void theJmhStagesProduceResultsAndTheReportAssemblesThem(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results");
        for (String[] stage : new String[][] {{"feed", "FeedBenchmark"}, {"where", "WhereBenchmark"},
                {"converter", "ConverterBenchmark"}}) {
            Path jmh = dir.resolve(stage[0] + "-jmh.json");
            new Runner(new OptionsBuilder().include("\\." + stage[1] + "\\.").forks(0).warmupIterations(0)
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(100))
                    .addProfiler(GCProfiler.class).resultFormat(ResultFormatType.JSON).result(jmh.toString())
                    .build()).run();
            StageResult result = JmhStage.of(stage[0], jmh, "smoke");
            if (stage[0].equals("feed")) {
                Path pairs = dir.resolve("feed-pairs.json");
                FeedPairs.main(pairs.toString(), "2", "0");
                result = result.with(JmhStage.feedPairs(pairs));
                assertEquals(2, result.comparisons().get(result.comparisons().size() - 1).pairedRatios().samples()
                        .size(), "two paired rounds");
            }
            result.write(results);
            assertEquals(result, StageResult.read(results.resolve(stage[0] + ".json")), stage[0]);
            assertTrue(Files.readString(results.resolve(stage[0] + ".md")).startsWith("## "), stage[0]);
        }
        Path header = Files.writeString(dir.resolve("header.md"), "# Benchmarks\n\nIntro.\n");
        Path output = dir.resolve("BENCHMARKS.md");
        String report = BenchmarksReport.assemble(output, results, header, dir.resolve("charts"),
                dir.resolve("notes"));

        assertTrue(report.startsWith("# Benchmarks\n\nIntro.\n"));
        assertTrue(report.contains("## Feed poll"));
        assertTrue(report.contains("## aggregator\n\nNot run"), report);
        assertTrue(report.contains("](charts/feed-ratio.png)"), report);
        assertTrue(Files.size(dir.resolve("charts/feed-ratio.png")) > 1000);
        assertTrue(report.indexOf("## Feed poll") < report.indexOf("## Where")
                && report.indexOf("## Where") < report.indexOf("## StreamingJsonConverter")
                && report.indexOf("## StreamingJsonConverter") < report.indexOf("## aggregator"), "stage order");
    }
}

package io.velibconnect.benchmarks.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import io.velibconnect.benchmarks.report.StageResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aggregator-vs-Streams race, on one round without warm-up, writes the aggregator stage's results. */
class AggregatorStageIT {

    @Test
    void aTinyRaceWritesTheStageResult(@TempDir Path results) throws Exception {
        StageResult result = AggregatorVsStreamsBenchmark.race(0, 1, 1, 2, results);

        assertEquals(3, result.comparisons().size());
        assertEquals(2, result.comparisons().get(2).ours().figure().samples().size(), "latency samples");
        assertEquals(result.stage(), StageResult.read(results.resolve("aggregator.json")).stage());
        assertTrue(Files.readString(results.resolve("aggregator.md")).contains("| 1 | " + AggregatorVsStreamsBenchmark.OURS));
    }
}

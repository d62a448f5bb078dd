package io.velibconnect.benchmarks.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark stage's quick run produces its results; its figures are not judged here. Off by default: it needs the
 * Spark peer built ({@code mvn -B -q -f benchmarks/spark/pom.xml package}, a few hundred MB from Maven Central the
 * first time) and starts Spark's JVM, about two minutes on two busy cores. Run it with {@code -Dbenchmark.spark=true}
 * (surefire's working directory is {@code benchmarks/}, so {@code -Dbenchmark.spark.module=spark} is given too).
 */
@EnabledIfSystemProperty(named = "benchmark.spark", matches = "true")
class SparkStageIT {

    @Test
    void quickRunWritesFiguresAndOneSeriesPointPerReplayedSnapshot(@TempDir Path out) throws Exception {
        SparkStage.main("--quick", "--out", out.toString());

        JsonNode json = new ObjectMapper().readTree(out.resolve("spark.json").toFile());
        assertTrue(json.path("throughput").path("peer").path("median").asDouble() > 0);
        assertEquals(6, json.path("replay").path("series").size());
        assertTrue(Files.readString(out.resolve("spark.md")).contains("Spark-summing"));
    }
}

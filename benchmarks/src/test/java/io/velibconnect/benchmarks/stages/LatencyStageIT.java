package io.velibconnect.benchmarks.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latency stage's quick run produces its results; its figures are not judged here. */
class LatencyStageIT {

    @Test
    void quickRunWritesOneSamplePerSnapshotAfterTheFirst(@TempDir Path out) throws Exception {
        LatencyStage.main("--quick", "--out", out.toString());

        JsonNode json = new ObjectMapper().readTree(out.resolve("latency.json").toFile());
        assertEquals(11, json.path("samples").path("all_groups").size());
        assertEquals(11, json.path("ours").path("all_groups").path("n").asInt());
        assertTrue(Files.readString(out.resolve("latency.md")).contains("p99"));
    }
}

package io.velibconnect.benchmarks.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale stage's quick run produces its results; its figures are not judged here. */
class ScaleStageIT {

    @Test
    void quickRunWritesTwoSizesAndTheirGrowth(@TempDir Path out) throws Exception {
        ScaleStage.main("--quick", "--out", out.toString());

        JsonNode json = new ObjectMapper().readTree(out.resolve("scale.json").toFile());
        assertEquals(2, json.path("points").size());
        assertEquals(15_000, json.path("points").path(1).path("stations").asInt());
        assertEquals(ScaleFigure.ALL.size(), json.path("comparisons").size());
        assertTrue(Files.readString(out.resolve("scale.md")).contains("Verdict"));
    }
}

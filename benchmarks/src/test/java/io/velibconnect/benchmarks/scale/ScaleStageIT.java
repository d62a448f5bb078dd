package io.velibconnect.benchmarks.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.velibconnect.benchmarks.report.BenchmarksReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale stage's quick run produces its results and the report draws its curves; figures are not judged. */
class ScaleStageIT {

    @Test
    void quickRunWritesTwoSizesTheirGrowthAndCurves(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results");
        ScaleStage.main("--quick", "--out", results.toString());

        JsonNode json = new ObjectMapper().readTree(results.resolve("scale.json").toFile());
        assertEquals(2, json.path("points").size());
        assertEquals(15_000, json.path("points").path(1).path("stations").asInt());
        assertEquals(ScaleFigure.ALL.size(), json.path("comparisons").size());
        assertEquals(ScaleFigure.ALL.size(), json.path("curves").size());
        assertTrue(Files.readString(results.resolve("scale.md")).contains("Verdict"));

        Path header = Files.writeString(dir.resolve("header.md"), "# Benchmarks\n");
        String report = BenchmarksReport.assemble(dir.resolve("BENCHMARKS.md"), results, header,
                dir.resolve("charts"), dir.resolve("notes"));
        assertTrue(report.contains("](charts/scale-curves.png)"), report);
        assertTrue(Files.size(dir.resolve("charts/scale-curves.png")) > 1000);
    }
}

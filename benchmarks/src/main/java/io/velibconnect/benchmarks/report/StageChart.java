package io.velibconnect.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A chart a stage draws from its own {@code <stage>.json} beyond the ratio bars every stage gets (a latency
 * distribution, a scaling curve). Registered by stage name in {@link BenchmarksReport#CHARTS}.
 */
public interface StageChart {

    /**
     * Draws the chart as a PNG in {@code charts} from the stage's raw json.
     *
     * @return the PNG written
     */
    Path draw(JsonNode stageJson, Path charts) throws IOException;
}

package io.velibconnect.benchmarks.report;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Stage {@code spark}: one postcode's bike total after each replayed snapshot (the first of {@code replay.postcodes}
 * in {@code spark.json}), as ours, Spark-correct and Spark-summing computed it: the summing query adds every record
 * it has read, so its total grows with each snapshot while the other two stay the actual count.
 */
final class SparkChart implements StageChart {

    private static final String[][] ENGINES = {{"ours", "ours"}, {"spark_correct", "Spark-correct"},
            {"spark_summing", "Spark-summing (the original job)"}};

    @Override
    public Path draw(JsonNode stageJson, Path charts) throws IOException {
        JsonNode replay = stageJson.path("replay");
        String postcode = replay.path("postcodes").path(0).asText();
        XYChart chart = new XYChartBuilder().width(900).height(420)
                .title("Bikes available in " + postcode + " after each replayed snapshot")
                .xAxisTitle("snapshot replayed").yAxisTitle("total bikes available").build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setYAxisMin(0.0);
        JsonNode series = replay.path("series");
        List<XYSeries> lines = new ArrayList<>();
        for (String[] engine : ENGINES) {
            List<Integer> x = new ArrayList<>();
            List<Long> y = new ArrayList<>();
            for (int i = 0; i < series.size(); i++) {
                x.add(i + 1);
                y.add(series.get(i).path(postcode).path(engine[0]).asLong());
            }
            XYSeries line = chart.addSeries(engine[1], x, y);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.CIRCLE);
            lines.add(line);
        }
        // ours and Spark-correct agree: ours drawn wide underneath, Spark-correct thin and dashed over it
        lines.get(0).setLineWidth(7f);
        lines.get(0).setMarker(SeriesMarkers.NONE);
        lines.get(1).setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        lines.get(1).setMarker(SeriesMarkers.DIAMOND);
        Path png = charts.resolve("spark-totals.png");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return png;
    }
}

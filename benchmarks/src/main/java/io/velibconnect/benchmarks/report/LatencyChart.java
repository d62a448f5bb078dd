package io.velibconnect.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Stage {@code latency}: the histogram of the 'every changed postcode' latencies (the {@code histogram.all_groups}
 * counts of {@code latency.json}, {@code histogram.bucket_ms} wide), with its p50 and p99 and the goal
 * ({@code goal_p99_ms}) as vertical lines.
 */
final class LatencyChart implements StageChart {

    @Override
    public Path draw(JsonNode stageJson, Path charts) throws IOException {
        double width = stageJson.path("histogram").path("bucket_ms").asDouble();
        JsonNode counts = stageJson.path("histogram").path("all_groups");
        JsonNode spread = stageJson.path("ours").path("all_groups");
        XYChart chart = new XYChartBuilder().width(900).height(420)
                .title(String.format(Locale.ROOT, "Feed snapshot served -> every changed postcode's totals (%d "
                        + "snapshots%s)", spread.path("n").asInt(), stageJson.path("quick").asBoolean()
                        ? ", --quick" : ""))
                .xAxisTitle("ms beyond the poll").yAxisTitle("snapshots per " + (int) width + " ms").build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisMin(0.0);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        int highest = 1;
        for (int bucket = 0; bucket < counts.size(); bucket++) {
            x.add(bucket * width);
            y.add(counts.get(bucket).asDouble());
            highest = Math.max(highest, counts.get(bucket).asInt());
        }
        // the step needs the end of the last bucket to draw it
        x.add(counts.size() * width);
        y.add(0.0);
        XYSeries bars = chart.addSeries("every changed postcode", x, y);
        bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        bars.setMarker(SeriesMarkers.NONE);
        bars.setLineWidth(1f);
        mark(chart, "p50 " + ms(spread.path("median").asDouble()), spread.path("median").asDouble(), highest,
                new Color(0, 120, 0), false);
        mark(chart, "p99 " + ms(spread.path("p99").asDouble()), spread.path("p99").asDouble(), highest,
                new Color(200, 0, 0), false);
        double goalMs = stageJson.path("goal_p99_ms").asDouble();
        mark(chart, "goal: p99 < " + ms(goalMs), goalMs, highest, Color.DARK_GRAY, true);
        Path png = charts.resolve("latency-histogram.png");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return png;
    }

    private static void mark(XYChart chart, String name, double at, int height, Color color, boolean dashed) {
        XYSeries line = chart.addSeries(name, new double[] {at, at}, new double[] {0, height});
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(color);
        line.setLineStyle(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.0f ms", value);
    }
}

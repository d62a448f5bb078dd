package io.velibconnect.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The scale stage's curves: each figure against the stations served, relative to its value at the smallest size,
 * on log-log axes, beside the two shapes a linear system follows: flat for per-station costs and rates, the
 * stations' own growth for per-round times. Reads the stage json's {@code curves}: {@code [{label, unit, stations:
 * [...], values: [...]}]}.
 */
final class ScaleChart implements StageChart {

    @Override
    public Path draw(JsonNode stageJson, Path charts) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(520)
                .title("Scale: each figure relative to its value at the smallest size")
                .xAxisTitle("stations served").yAxisTitle("figure / figure at the smallest size").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendVisible(true);
        List<Double> sizes = new ArrayList<>();
        for (JsonNode curve : stageJson.path("curves")) {
            List<Double> stations = numbers(curve.path("stations"));
            List<Double> values = numbers(curve.path("values"));
            if (values.isEmpty() || values.get(0) <= 0) {
                continue;
            }
            sizes = stations;
            double first = values.get(0);
            chart.addSeries(curve.path("label").asText() + " (" + curve.path("unit").asText() + ")", stations,
                    values.stream().map(v -> Math.max(v / first, 1e-3)).toList());
        }
        if (!sizes.isEmpty()) {
            double smallest = sizes.get(0);
            chart.addSeries("linear: per-round time grows as stations", sizes,
                    sizes.stream().map(s -> s / smallest).toList()).setMarker(SeriesMarkers.NONE);
            chart.addSeries("linear: per-station cost or rate stays flat", sizes,
                    sizes.stream().map(s -> 1.0).toList()).setMarker(SeriesMarkers.NONE);
        }
        Path png = charts.resolve(stageJson.path("stage").asText("scale") + "-curves.png");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return png;
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> numbers = new ArrayList<>();
        array.forEach(n -> numbers.add(n.asDouble()));
        return numbers;
    }
}

package io.velibconnect.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** One bar per comparison of a stage: the ratio ours/peer of the medians, with the goal beside it where stated. */
final class RatioChart {

    private RatioChart() {
    }

    /** Writes {@code <stage>-ratio.png} into {@code charts}. */
    static Path draw(StageResult result, Path charts) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(420).title(result.title())
                .xAxisTitle("comparison").yAxisTitle("ratio ours / peer (medians)").build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setXAxisLabelRotation(12);
        List<String> names = result.comparisons().stream().map(c -> c.what() + " (" + c.unit() + ")").toList();
        chart.addSeries("ratio", names, result.comparisons().stream().map(Comparison::ratio).toList());
        if (result.comparisons().stream().anyMatch(c -> c.ratioGoal() != null)) {
            chart.addSeries("goal", names, result.comparisons().stream()
                    .map(c -> c.ratioGoal() == null ? 0.0 : c.ratioGoal()).toList());
        }
        Path png = charts.resolve(result.stage() + "-ratio.png");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return png;
    }
}

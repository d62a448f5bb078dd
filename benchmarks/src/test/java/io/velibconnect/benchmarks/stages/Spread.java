package io.velibconnect.benchmarks.stages;

import java.util.List;

/**
 * A sample's median and spread, nearest-rank percentiles (with few samples, p99 is the maximum).
 *
 * @param n how many samples
 */
public record Spread(int n, double min, double median, double p90, double p99, double max) {

    public static Spread of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> sorted = samples.stream().sorted().toList();
        return new Spread(sorted.size(), sorted.get(0), rank(sorted, 0.5), rank(sorted, 0.9), rank(sorted, 0.99),
                sorted.get(sorted.size() - 1));
    }

    private static double rank(List<Double> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    /** Counts per bucket of {@code width} from 0, the last bucket holding the maximum: a histogram's bars. */
    public static int[] histogram(List<Double> samples, double width) {
        int[] counts = new int[(int) (samples.stream().mapToDouble(Double::doubleValue).max().orElse(0) / width) + 1];
        samples.forEach(s -> counts[(int) (s / width)]++);
        return counts;
    }
}

package io.velibconnect.benchmarks.report;

import java.util.List;

/**
 * Repeated measurements of one contender in one invocation: their median and spread, and the samples themselves.
 *
 * @param median  the median sample
 * @param min     the smallest sample
 * @param max     the largest sample
 * @param samples every sample, in the order taken
 */
public record Figure(double median, double min, double max, List<Double> samples) {

    public Figure {
        samples = List.copyOf(samples);
    }

    public static Figure of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> sorted = samples.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Figure(median, sorted.get(0), sorted.get(n - 1), samples);
    }
}

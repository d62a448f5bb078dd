package io.velibconnect.benchmarks.report;

/**
 * One side of a comparison.
 *
 * @param name   what ran (a benchmark method, a connector, a Streams topology)
 * @param figure its measurements
 */
public record Contender(String name, Figure figure) {
}

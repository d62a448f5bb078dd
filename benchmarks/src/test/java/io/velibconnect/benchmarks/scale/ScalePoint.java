package io.velibconnect.benchmarks.scale;

import java.util.List;

/**
 * The figures of one size of the scale stage.
 *
 * @param stations                 stations served
 * @param systems                  systems (copies) served
 * @param roundToLastResponseMs    per change round: first status request to the last system's response
 * @param roundToLastTotalsMs      per change round: first status request to the broker's write of its last
 *                                 totals record
 * @param recordsPerRound          status records the source wrote per change round (median)
 * @param sourceRecordsPerS        first round (every station new): status and information records written per
 *                                 second, from the first status request to the last record's write
 * @param aggregatorRecordsPerS    per run: an aggregator catching up with the first round's status records,
 *                                 started once the source had written them all: from the first records its
 *                                 consumers return to the broker's write of its last totals record
 * @param catchUpGcShare           the share of the catching up's wall time (from the aggregator's creation) this
 *                                 JVM spent collecting garbage
 * @param sourceHeapPerStation     bytes: used heap after GC with the source loaded, minus before it
 * @param aggregatorHeapPerStation bytes: used heap after GC with the aggregator loaded too, minus with the
 *                                 source only
 * @param offsets                  the source's offsets in the worker's offsets topic
 * @param restoreMsPer10k          per restart of the aggregator: its tasks' restore-time-ms summed, per 10,000
 *                                 stations-restored
 * @param stationsRestored         stations-restored summed over the tasks
 */
record ScalePoint(int stations, int systems, List<Double> roundToLastResponseMs, List<Double> roundToLastTotalsMs,
                  double recordsPerRound, double sourceRecordsPerS, List<Double> aggregatorRecordsPerS,
                  double catchUpGcShare, double sourceHeapPerStation, double aggregatorHeapPerStation,
                  OffsetSizes offsets, List<Double> restoreMsPer10k, long stationsRestored) {

    ScalePoint {
        roundToLastResponseMs = List.copyOf(roundToLastResponseMs);
        roundToLastTotalsMs = List.copyOf(roundToLastTotalsMs);
        aggregatorRecordsPerS = List.copyOf(aggregatorRecordsPerS);
        restoreMsPer10k = List.copyOf(restoreMsPer10k);
    }
}

package io.velibconnect.benchmarks.scale;

import java.util.List;
import java.util.function.Function;

/**
 * One figure the scale stage follows across sizes, and how a linear system's figure would grow with the stations:
 * a polling round's time as the stations, a per-station cost, a rate or a per-system size not at all.
 *
 * @param growsWithStations true for per-round times
 */
record ScaleFigure(String label, String unit, boolean higherIsBetter, boolean growsWithStations,
                   Function<ScalePoint, List<Double>> samples) {

    /** How far from linear (a factor) a growth may be and still be called linear. */
    static final double TOLERANCE = 1.5;

    static final List<ScaleFigure> ALL = List.of(
            new ScaleFigure("polling round, first request → last response", "ms/round", false, true,
                    ScalePoint::roundToLastResponseMs),
            new ScaleFigure("polling round, first request → last totals record written", "ms/round", false, true,
                    ScalePoint::roundToLastTotalsMs),
            new ScaleFigure("records through the source (first round)", "records/s", true, false,
                    p -> List.of(p.sourceRecordsPerS())),
            new ScaleFigure("records through the aggregator (catching up)", "records/s", true, false,
                    ScalePoint::aggregatorRecordsPerS),
            new ScaleFigure("source heap per station", "B/station", false, false,
                    p -> List.of(p.sourceHeapPerStation())),
            new ScaleFigure("aggregator heap per station", "B/station", false, false,
                    p -> List.of(p.aggregatorHeapPerStation())),
            new ScaleFigure("largest offset record", "B", false, false,
                    p -> List.of((double) p.offsets().largestRecord())),
            new ScaleFigure("offsets per system (every shard)", "B/system", false, false,
                    p -> List.of(p.offsets().perSystem())),
            new ScaleFigure("aggregator restore time per 10k stations", "ms/10k stations", false, false,
                    ScalePoint::restoreMsPer10k));

    /** What a linear system's figure would be multiplied by from {@code small} to {@code large}. */
    double linearGrowth(ScalePoint small, ScalePoint large) {
        return growsWithStations ? (double) large.stations() / small.stations() : 1.0;
    }

    /** The growth a figure may show and still be called linear: at most this for costs, at least for rates. */
    double linearBound(ScalePoint small, ScalePoint large) {
        double linear = linearGrowth(small, large);
        return higherIsBetter ? linear / TOLERANCE : linear * TOLERANCE;
    }

    /** "linear", "better than linear" or "worse than linear", for a growth of {@code ratio}. */
    String verdict(double ratio, ScalePoint small, ScalePoint large) {
        double normalized = ratio / linearGrowth(small, large);
        double worse = higherIsBetter ? 1 / normalized : normalized;
        return worse > TOLERANCE ? "worse than linear" : worse < 1 / TOLERANCE ? "better than linear" : "linear";
    }
}

package io.velibconnect.benchmarks.report;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Ours against one peer on one metric.
 *
 * @param what           what is compared, for the reader
 * @param unit           the unit of both figures (ms/poll, B/poll, records/s)
 * @param higherIsBetter true for rates, false for costs
 * @param ours           our side
 * @param peer           the peer
 * @param ratio          ours' median over the peer's median; for paired runs, the median of the pairs' ratios
 * @param pairedRatios   the ratio of each pair of runs taken one after the other (which shares the machine's
 *                       load of the moment, so it varies less than either side); null where runs are not paired
 * @param ratioGoal      the ratio aimed at (at most for costs, at least for rates), null where none is stated
 * @param oursGoal       the figure aimed at for ours (same sense), null where none is stated
 */
public record Comparison(String what, String unit, boolean higherIsBetter, Contender ours, Contender peer,
                         double ratio, Figure pairedRatios, Double ratioGoal, Double oursGoal) {

    public static Comparison of(String what, String unit, boolean higherIsBetter, Contender ours, Contender peer,
                                Double ratioGoal, Double oursGoal) {
        return new Comparison(what, unit, higherIsBetter, ours, peer,
                ours.figure().median() / peer.figure().median(), null, ratioGoal, oursGoal);
    }

    /** Ours and the peer run in alternation: sample i of each side is one pair. */
    public static Comparison paired(String what, String unit, boolean higherIsBetter, Contender ours, Contender peer,
                                    Double ratioGoal, Double oursGoal) {
        List<Double> o = ours.figure().samples();
        List<Double> p = peer.figure().samples();
        if (o.size() != p.size()) {
            throw new IllegalArgumentException(o.size() + " runs of ours, " + p.size() + " of the peer: not pairs");
        }
        Figure ratios = Figure.of(IntStream.range(0, o.size()).mapToObj(i -> o.get(i) / p.get(i)).toList());
        return new Comparison(what, unit, higherIsBetter, ours, peer, ratios.median(), ratios, ratioGoal, oursGoal);
    }

    /** Whether every stated goal is met by the medians; true where none is stated. */
    public boolean goalsMet() {
        return meets(ratio, ratioGoal) && meets(ours.figure().median(), oursGoal);
    }

    private boolean meets(double value, Double goal) {
        return goal == null || (higherIsBetter ? value >= goal : value <= goal);
    }
}

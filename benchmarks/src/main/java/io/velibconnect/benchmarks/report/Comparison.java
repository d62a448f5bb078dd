package io.velibconnect.benchmarks.report;

/**
 * Ours against one peer on one metric.
 *
 * @param what           what is compared, for the reader
 * @param unit           the unit of both figures (ms/poll, B/poll, records/s)
 * @param higherIsBetter true for rates, false for costs
 * @param ours           our side
 * @param peer           the peer
 * @param ratio          ours' median over the peer's median
 * @param ratioGoal      the ratio aimed at (at most for costs, at least for rates), null where none is stated
 * @param oursGoal       the figure aimed at for ours (same sense), null where none is stated
 */
public record Comparison(String what, String unit, boolean higherIsBetter, Contender ours, Contender peer,
                         double ratio, Double ratioGoal, Double oursGoal) {

    public static Comparison of(String what, String unit, boolean higherIsBetter, Contender ours, Contender peer,
                                Double ratioGoal, Double oursGoal) {
        return new Comparison(what, unit, higherIsBetter, ours, peer,
                ours.figure().median() / peer.figure().median(), ratioGoal, oursGoal);
    }

    /** Whether every stated goal is met by the medians; true where none is stated. */
    public boolean goalsMet() {
        return meets(ratio, ratioGoal) && meets(ours.figure().median(), oursGoal);
    }

    private boolean meets(double value, Double goal) {
        return goal == null || (higherIsBetter ? value >= goal : value <= goal);
    }
}

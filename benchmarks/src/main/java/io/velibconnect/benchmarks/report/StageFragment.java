package io.velibconnect.benchmarks.report;

import java.util.Locale;

/** The markdown section of one stage: its comparisons as a table, the machine they ran on and the command. */
final class StageFragment {

    private StageFragment() {
    }

    static String of(StageResult result) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(result.title()).append("\n\n");
        md.append("Measured on: ").append(result.machine()).append(".\n\n");
        md.append("| compared | unit | ours: median (min–max) | peer: median (min–max) | ratio ours/peer (medians; of paired runs, median of the pairs) | goal |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Comparison c : result.comparisons()) {
            md.append(String.format(Locale.ROOT, "| %s: `%s` vs `%s` | %s | %s | %s | **%.2f**%s | %s |%n", c.what(),
                    c.ours().name(), c.peer().name(), c.unit(), figure(c.ours().figure()),
                    figure(c.peer().figure()), c.ratio(), c.pairedRatios() == null ? ""
                    : String.format(Locale.ROOT, " (pairs: %.2f–%.2f)", c.pairedRatios().min(),
                    c.pairedRatios().max()), goal(c)));
        }
        md.append("\nCommand: `").append(result.command()).append("`\n");
        return md.toString();
    }

    private static String figure(Figure f) {
        return String.format(Locale.ROOT, "%s (%s–%s)", number(f.median()), number(f.min()), number(f.max()));
    }

    /** Three significant digits at least, thousands separated: 0.123, 12.3, 1,234, 412,345. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String goal(Comparison c) {
        String sense = c.higherIsBetter() ? "≥" : "≤";
        StringBuilder goal = new StringBuilder();
        if (c.oursGoal() != null) {
            goal.append("ours ").append(sense).append(' ').append(number(c.oursGoal())).append(' ').append(c.unit());
        }
        if (c.ratioGoal() != null) {
            goal.append(goal.isEmpty() ? "" : ", ").append("ratio ").append(sense).append(' ')
                    .append(number(c.ratioGoal()));
        }
        return goal.isEmpty() ? "—" : goal + (c.goalsMet() ? ": met" : ": **not met**");
    }
}

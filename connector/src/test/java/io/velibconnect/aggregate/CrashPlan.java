package io.velibconnect.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Where a crash test strikes, drawn from one seed so that a failing run can be replayed with it: which served
 * snapshot (step) each worker kill and broker restart follows, and after how long. A step may get several kills:
 * the second then strikes the worker that has just been started, while its tasks restore.
 */
record CrashPlan(long seed, int steps, List<List<Event>> events) {

    /** Longest wait after serving a snapshot (or starting a worker) before a kill: past a source poll, the
     * records' production, the aggregator's batch and the 500 ms offset commit, so every phase gets hit. */
    private static final int MAX_DELAY_MS = 1_500;
    private static final int MAX_BROKER_DOWN_MS = 2_000;

    sealed interface Event {
    }

    /** SIGKILL the worker this long after the previous event, then start a new one. */
    record Kill(int delayMs) implements Event {
    }

    /** Stop the broker this long after the previous event and start it again after {@code downMs}. */
    record BrokerRestart(int delayMs, int downMs) implements Event {
    }

    static CrashPlan draw(long seed, int kills, int brokerRestarts) {
        Random random = new Random(seed);
        int steps = Math.max(SeriesPipeline.SNAPSHOTS.size(), Math.max(kills * 2 / 3, brokerRestarts + 1) + 1);
        List<List<Event>> events = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            events.add(new ArrayList<>());
        }
        List<Integer> restartSteps = new ArrayList<>();
        for (int i = 1; i < steps; i++) {
            restartSteps.add(i);
        }
        java.util.Collections.shuffle(restartSteps, random);
        for (int i = 0; i < brokerRestarts; i++) {
            events.get(restartSteps.get(i)).add(new BrokerRestart(random.nextInt(MAX_DELAY_MS),
                    random.nextInt(MAX_BROKER_DOWN_MS)));
        }
        for (int i = 0; i < kills; i++) {
            List<Event> step = events.get(random.nextInt(steps));
            step.add(random.nextInt(step.size() + 1), new Kill(random.nextInt(MAX_DELAY_MS)));
        }
        return new CrashPlan(seed, steps, events.stream().map(List::copyOf).toList());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("seed " + seed + ", " + steps + " snapshots:");
        for (int i = 0; i < steps; i++) {
            if (!events.get(i).isEmpty()) {
                text.append(" ").append(i).append(events.get(i));
            }
        }
        return text.toString();
    }
}

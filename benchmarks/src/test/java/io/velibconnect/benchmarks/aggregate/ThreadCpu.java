package io.velibconnect.benchmarks.aggregate;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time the threads of this JVM used between two snapshots, grouped by thread name without its numbers: it
 * tells whether a contender's processing thread was busy or waiting (on fetches, on the broker) during its run.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> nanos = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final long wallNanos = System.nanoTime();

    private ThreadCpu() {
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                nanos.put(info.getThreadId(), THREADS.getThreadCpuTime(info.getThreadId()));
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
    }

    static ThreadCpu snapshot() {
        return new ThreadCpu();
    }

    /** CPU seconds per thread group since {@code before}, the busiest first, as "name 1.23 s" lines. */
    String since(ThreadCpu before, int top) {
        double wall = (wallNanos - before.wallNanos) / 1e9;
        Map<String, Double> seconds = new TreeMap<>();
        nanos.forEach((id, cpu) -> {
            long start = before.nanos.getOrDefault(id, 0L);
            if (cpu > start) {
                seconds.merge(names.get(id).replaceAll("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", "<id>")
                        .replaceAll("\\d+", "N"), (cpu - start) / 1e9, Double::sum);
            }
        });
        double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        return String.format("CPU over %.1f s wall: %.1f s in all threads; busiest: ", wall, total)
                + seconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(top).map(e -> String.format("%s %.2f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}

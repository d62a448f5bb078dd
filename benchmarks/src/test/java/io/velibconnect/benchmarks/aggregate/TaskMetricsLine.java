package io.velibconnect.benchmarks.aggregate;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The worker's and its consumer's own metrics of a sink task, in one line: how big its batches were, how long
 * {@code put} took, and how much of the time the task thread spent waiting in {@code poll}.
 */
final class TaskMetricsLine {

    private TaskMetricsLine() {
    }

    static String of(String connector) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        String task = "connector=" + connector + ",task=0";
        String consumer = "client-id=connector-consumer-" + connector + "-0";
        List<String> parts = new ArrayList<>();
        parts.add(metric(server, "kafka.connect:type=connector-task-metrics," + task, "batch-size-avg",
                "%.0f records a batch"));
        parts.add(metric(server, "kafka.connect:type=sink-task-metrics," + task, "put-batch-avg-time-ms", "put %.1f ms"));
        parts.add(metric(server, "kafka.consumer:type=consumer-metrics," + consumer, "time-between-poll-avg",
                "%.1f ms between polls"));
        parts.add(metric(server, "kafka.consumer:type=consumer-metrics," + consumer, "poll-idle-ratio-avg",
                "waiting in poll %.2f of the time"));
        parts.add(metric(server, "kafka.consumer:type=consumer-fetch-manager-metrics," + consumer,
                "fetch-latency-avg", "fetch latency %.1f ms"));
        parts.add(metric(server, "kafka.connect:type=connector-task-metrics," + task, "offset-commit-avg-time-ms",
                "commit (flush) %.1f ms"));
        return String.join(", ", parts);
    }

    private static String metric(MBeanServer server, String name, String attribute, String format)
            throws JMException {
        Object value = server.getAttribute(new ObjectName(name), attribute);
        return String.format(format, ((Number) value).doubleValue());
    }
}

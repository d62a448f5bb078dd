package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The aggregator task's plugin metrics as a worker in this JVM exposes them over JMX. */
final class TaskMetrics {

    private static final List<String> NAMES = List.of("records-in", "groups-updated", "unknown-stations",
            "bad-records", "state-size", "restore-time-ms", "stations-restored");

    private TaskMetrics() {
    }

    static Map<String, Long> of(String connector) throws JMException {
        return of(connector, 0);
    }

    static Map<String, Long> of(String connector, int task) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(
                new ObjectName("kafka.connect:type=plugins,connector=" + connector + ",task=" + task), null);
        assertEquals(1, names.size(), "plugin metrics of " + connector + ": " + names);
        ObjectName name = names.iterator().next();
        Map<String, Long> metrics = new HashMap<>();
        for (String metric : NAMES) {
            metrics.put(metric, ((Number) server.getAttribute(name, metric)).longValue());
        }
        return metrics;
    }
}

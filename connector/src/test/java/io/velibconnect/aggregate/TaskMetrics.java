package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.velibconnect.testing.PluginJmx;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The aggregator task's plugin metrics as a worker in this JVM exposes them over JMX. */
final class TaskMetrics {

    private TaskMetrics() {
    }

    static Map<String, Long> of(String connector) throws JMException {
        return of(connector, 0);
    }

    static Map<String, Long> of(String connector, int task) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(PluginJmx.task(connector, task), null);
        assertEquals(1, names.size(), "plugin metrics of " + connector + ": " + names);
        ObjectName name = names.iterator().next();
        Map<String, Long> metrics = new HashMap<>();
        for (MBeanAttributeInfo metric : server.getMBeanInfo(name).getAttributes()) {
            metrics.put(metric.getName(), ((Number) server.getAttribute(name, metric.getName())).longValue());
        }
        return metrics;
    }
}

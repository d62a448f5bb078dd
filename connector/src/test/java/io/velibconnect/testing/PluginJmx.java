package io.velibconnect.testing;

import org.apache.kafka.common.utils.Sanitizer;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * Reads a task's plugin metrics (KIP-877) over JMX from a worker in this JVM, under the names its JmxReporter gives
 * them: {@code kafka.connect:type=plugins,connector=<name>,task=<n>}, plus {@code ,feed=<url>} for a source task's
 * per-feed metrics.
 */
public final class PluginJmx {

    private PluginJmx() {
    }

    public static ObjectName task(String connector) throws JMException {
        return task(connector, 0);
    }

    public static ObjectName task(String connector, int task) throws JMException {
        return new ObjectName("kafka.connect:type=plugins,connector=" + Sanitizer.jmxSanitize(connector) + ",task="
                + task);
    }

    public static ObjectName feed(String connector, String url) throws JMException {
        return new ObjectName(task(connector) + ",feed=" + Sanitizer.jmxSanitize(url));
    }

    public static Object value(ObjectName name, String metric) throws JMException {
        return ManagementFactory.getPlatformMBeanServer().getAttribute(name, metric);
    }

    public static long count(ObjectName name, String metric) throws JMException {
        return ((Number) value(name, metric)).longValue();
    }
}

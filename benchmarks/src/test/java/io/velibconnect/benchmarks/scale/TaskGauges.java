package io.velibconnect.benchmarks.scale;

import java.lang.management.ManagementFactory;
import java.util.function.IntFunction;

import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.common.utils.Sanitizer;

/**
 * A connector's plugin metrics (KIP-877) as the worker in this JVM exposes them over JMX, under
 * {@code kafka.connect:type=plugins,connector=<name>,task=<n>}, and its tasks' consumer metrics: one gauge summed
 * over its tasks.
 */
record TaskGauges(String connector, int tasks) {

    /**
     * The gauge summed over the tasks that expose it now; a task not (yet, or no longer) registered, or still
     * registering its gauges, counts 0.
     */
    long sum(String gauge) {
        return sum(task -> "kafka.connect:type=plugins,connector=" + Sanitizer.jmxSanitize(connector) + ",task="
                + task, gauge);
    }

    /**
     * Records the tasks' consumers have handed to the worker, which converts them before the task's put() sees
     * them (the consumer's {@code records-consumed-total}).
     */
    long consumed() {
        return sum(task -> "kafka.consumer:type=consumer-fetch-manager-metrics,client-id="
                + Sanitizer.jmxSanitize("connector-consumer-" + connector + "-" + task), "records-consumed-total");
    }

    private long sum(IntFunction<String> objectName, String gauge) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long sum = 0;
        for (int task = 0; task < tasks; task++) {
            try {
                ObjectName name = new ObjectName(objectName.apply(task));
                sum += ((Number) server.getAttribute(name, gauge)).longValue();
            } catch (InstanceNotFoundException | AttributeNotFoundException starting) {
                // the task is (re)starting: its metrics come and go with it
            } catch (JMException e) {
                throw new IllegalStateException("cannot read " + gauge + " of " + connector + " task " + task, e);
            }
        }
        return sum;
    }
}

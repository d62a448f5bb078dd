package io.velibconnect.benchmarks.scale;

import java.lang.management.ManagementFactory;

import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.common.utils.Sanitizer;

/**
 * A connector's plugin metrics (KIP-877) as the worker in this JVM exposes them over JMX, under
 * {@code kafka.connect:type=plugins,connector=<name>,task=<n>}: one gauge summed over its tasks.
 */
record TaskGauges(String connector, int tasks) {

    /**
     * The gauge summed over the tasks that expose it now; a task not (yet, or no longer) registered, or still
     * registering its gauges, counts 0.
     */
    long sum(String gauge) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long sum = 0;
        for (int task = 0; task < tasks; task++) {
            try {
                ObjectName name = new ObjectName("kafka.connect:type=plugins,connector="
                        + Sanitizer.jmxSanitize(connector) + ",task=" + task);
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

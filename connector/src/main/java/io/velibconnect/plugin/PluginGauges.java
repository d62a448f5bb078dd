package io.velibconnect.plugin;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Gauges of one task, registered through Connect's plugin metrics (KIP-877): the worker shows them over JMX as
 * {@code kafka.connect:type=plugins,connector=<name>,task=<n>}, plus their own tags (e.g. {@code ,feed=<url>}).
 */
public final class PluginGauges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginGauges.class);

    private final PluginMetrics plugin;
    private final Set<MetricName> names = ConcurrentHashMap.newKeySet();

    /** @param plugin the task context's metrics */
    public PluginGauges(PluginMetrics plugin) {
        this.plugin = plugin;
    }

    public void add(String name, String doc, Supplier<?> value) {
        add(name, doc, Map.of(), value);
    }

    /**
     * Skipped where the name is still registered: by an earlier instance of this task that Connect gave up waiting
     * for (it blocked past the stop timeout) and that has not yet let go of it. Failing here would fail this task
     * for good, so it runs without that metric instead.
     */
    public void add(String name, String doc, Map<String, String> tags, Supplier<?> value) {
        MetricName metricName = plugin.metricName(name, doc, new LinkedHashMap<>(tags));
        try {
            plugin.addMetric(metricName, (Gauge<Object>) (config, now) -> value.get());
            names.add(metricName);
        } catch (IllegalArgumentException alreadyRegistered) {
            LOG.warn("Metric {} {} is still held by an earlier instance of this task; this instance runs without it "
                    + "until it is restarted", name, tags);
        }
    }

    /** Removes the gauges whose tags include all of {@code tags}. */
    public void remove(Map<String, String> tags) {
        names.removeIf(name -> {
            boolean matches = name.tags().entrySet().containsAll(tags.entrySet());
            if (matches) {
                plugin.removeMetric(name);
            }
            return matches;
        });
    }

    @Override
    public void close() {
        remove(Map.of());
    }
}

package io.velibconnect.testing;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;

import java.util.Collection;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A task's plugin metrics on a real Kafka {@link Metrics} registry, the one a worker gives its tasks (tagged
 * connector and task), read back by name.
 */
public final class PluginMetricsReadout implements AutoCloseable {

    public static final Map<String, String> TASK = Map.of("connector", "velib-test", "task", "0");

    private final Metrics registry = new Metrics();

    public PluginMetrics plugin() {
        return new PluginMetricsImpl(registry, TASK);
    }

    /** The plugin metrics registered now. */
    public Collection<MetricName> names() {
        return registry.metrics().keySet().stream().filter(name -> name.group().equals("plugins")).toList();
    }

    /** The value of the task-wide metric {@code name}. */
    public Object value(String name) {
        return value(name, Map.of());
    }

    /** The value of {@code name} tagged with {@code tags} besides the task's. */
    public Object value(String name, Map<String, String> tags) {
        return names().stream().filter(n -> n.name().equals(name) && n.tags().size() == TASK.size() + tags.size()
                        && n.tags().entrySet().containsAll(tags.entrySet()))
                .findFirst().map(n -> registry.metric(n).metricValue())
                .orElseThrow(() -> new NoSuchElementException(name + " " + tags + " is not registered"));
    }

    public long count(String name) {
        return ((Number) value(name)).longValue();
    }

    @Override
    public void close() {
        registry.close();
    }
}

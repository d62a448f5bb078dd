package io.velibconnect.aggregate;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A task that Connect stopped waiting for can still hold its metrics when its replacement starts in the same worker:
 * the replacement runs without them instead of failing for good (found by PipelineCrashIT after a broker restart).
 */
class AggregatorMetricsTest {

    private static final Map<String, String> TASK = Map.of("connector", "velib-aggregator", "task", "0");

    @Test
    void aReplacementStartsWhileTheAbandonedInstanceStillHoldsTheNames() {
        try (Metrics registry = new Metrics()) {
            AggregatorMetrics abandoned = new AggregatorMetrics(new PluginMetricsImpl(registry, TASK), () -> 1, () -> 0);
            abandoned.recordsIn.set(7);
            AggregatorMetrics replacement = new AggregatorMetrics(new PluginMetricsImpl(registry, TASK), () -> 2, () -> 0);
            replacement.recordsIn.set(9);

            MetricName recordsIn = registry.metrics().keySet().stream()
                    .filter(name -> name.name().equals("records-in")).findFirst().orElseThrow();
            assertEquals(7L, registry.metric(recordsIn).metricValue(), "the first registration stays");

            abandoned.close();
            replacement.close();
            assertTrue(registry.metrics().keySet().stream().noneMatch(name -> name.group().equals("plugins")));
        }
    }
}

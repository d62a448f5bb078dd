package io.velibconnect.aggregate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * The task's metrics, registered through Connect's plugin metrics (KIP-877), so the worker exposes them over
 * JMX as {@code kafka.connect:type=plugins,connector=<name>,task=<n>} beside its own task metrics.
 */
public final class AggregatorMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AggregatorMetrics.class);
    private static final String GROUP = "velib-aggregator";

    final AtomicLong recordsIn = new AtomicLong();
    final AtomicLong groupsUpdated = new AtomicLong();
    final AtomicLong badRecords = new AtomicLong();
    final AtomicLong restoreTimeMs = new AtomicLong();
    final AtomicLong stationsRestored = new AtomicLong();
    private final PluginMetrics plugin;
    private final List<MetricName> names;

    /**
     * @param plugin          the task context's metrics, or null where the runtime offers none
     * @param stateSize       stations held
     * @param unknownStations stations counted in the unknown group now
     */
    public AggregatorMetrics(PluginMetrics plugin, LongSupplier stateSize, LongSupplier unknownStations) {
        this.plugin = plugin;
        if (plugin == null) {
            names = List.of();
            return;
        }
        names = Stream.of(
                register("records-in", "Status records received", recordsIn::get),
                register("groups-updated", "Totals records written (including tombstones)", groupsUpdated::get),
                register("unknown-stations", "Stations counted in the unknown group now (no postcode or city in the "
                        + "CSV nor in the feed)", unknownStations),
                register("bad-records", "Status or information records skipped because a field is missing, "
                        + "mistyped or null", badRecords::get),
                register("state-size", "Stations held in the state", stateSize),
                register("restore-time-ms", "Time the last state restore took (of the input partitions last "
                        + "assigned to this task)", restoreTimeMs::get),
                register("stations-restored", "Stations the last restore read from the state topic for the input "
                        + "partitions last assigned to this task (0: they are rebuilt from the input topic)",
                        stationsRestored::get))
                .flatMap(Optional::stream).toList();
    }

    /**
     * Empty where the name is still registered: by an earlier instance of this task that Connect gave up waiting
     * for (it blocked past the stop timeout) and that has not yet let go of it. Failing here would fail this task
     * for good, so it runs without that metric instead.
     */
    private Optional<MetricName> register(String name, String doc, LongSupplier value) {
        MetricName metricName = plugin.metricName(name, doc, new LinkedHashMap<>());
        try {
            plugin.addMetric(metricName, (Gauge<Long>) (config, now) -> value.getAsLong());
            return Optional.of(metricName);
        } catch (IllegalArgumentException alreadyRegistered) {
            LOG.warn("Metric {} is still held by an earlier instance of this task; this instance runs without it "
                    + "until it is restarted", name);
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        names.forEach(plugin::removeMetric);
    }
}

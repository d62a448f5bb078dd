package io.velibconnect.aggregate;

import io.velibconnect.plugin.PluginGauges;
import org.apache.kafka.common.metrics.PluginMetrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The task's metrics, registered through Connect's plugin metrics (KIP-877), so the worker exposes them over
 * JMX as {@code kafka.connect:type=plugins,connector=<name>,task=<n>} beside its own task metrics
 * (docs/metrics.md lists them).
 */
public final class AggregatorMetrics implements AutoCloseable {

    final AtomicLong recordsIn = new AtomicLong();
    final AtomicLong groupsUpdated = new AtomicLong();
    final AtomicLong badRecords = new AtomicLong();
    final AtomicLong restoreTimeMs = new AtomicLong();
    final AtomicLong stationsRestored = new AtomicLong();
    private final PluginGauges gauges;

    /**
     * @param plugin          the task context's metrics
     * @param stateSize       stations held
     * @param unknownStations stations counted in the unknown group now
     */
    public AggregatorMetrics(PluginMetrics plugin, LongSupplier stateSize, LongSupplier unknownStations) {
        gauges = new PluginGauges(plugin);
        gauges.add("records-in", "Status records received", recordsIn::get);
        gauges.add("groups-updated", "Totals records written (including tombstones)", groupsUpdated::get);
        gauges.add("unknown-stations", "Stations counted in the unknown group now (no postcode or city in the "
                + "CSV nor in the feed)", unknownStations::getAsLong);
        gauges.add("bad-records", "Status or information records skipped because a field is missing, "
                + "mistyped or null", badRecords::get);
        gauges.add("state-size", "Stations held in the state", stateSize::getAsLong);
        gauges.add("restore-time-ms", "Time the last state restore took (of the input partitions last "
                + "assigned to this task)", restoreTimeMs::get);
        gauges.add("stations-restored", "Stations the last restore read from the state topic for the input "
                + "partitions last assigned to this task (0: they are rebuilt from the input topic)",
                stationsRestored::get);
    }

    @Override
    public void close() {
        gauges.close();
    }
}

package io.velibconnect.aggregate;

import java.util.List;
import java.util.Map;

import io.velibconnect.plugin.PluginVersion;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Keeps per-postcode (or per-city) totals of each station's latest status in {@code output.topic}, exact after
 * any restart (see {@link Totals}, {@link StationState} and {@link AggregatorTask}).
 *
 * <p>Always one task: a group's total needs all of its stations in one place, and one task handles far more
 * than any GBFS system sends. Scale out with one connector per system.
 */
public final class VelibAggregatorConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new AggregatorConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return AggregatorTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return AggregatorConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return PluginVersion.VALUE;
    }
}

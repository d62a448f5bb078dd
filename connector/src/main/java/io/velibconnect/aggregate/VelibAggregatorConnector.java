package io.velibconnect.aggregate;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.velibconnect.plugin.PluginVersion;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Keeps per-group (postcode, city, region or H3 cell) totals of each station's latest status in
 * {@code output.topic}, exact after any restart (see {@link Totals}, {@link StationState} and
 * {@link AggregatorTask}).
 *
 * <p>Up to {@code tasks.max} tasks, each holding the state of the input partitions Connect assigns to it. A
 * group's total needs all of its stations in one task, so several tasks are exact only when every group lies in
 * one input partition: the source's {@code SystemPartitioner} puts each system in one partition, and then the
 * groups of a system are whole in the task that owns it, which is why several tasks need
 * {@code group.key=system-group} (see {@link AggregatorConfig}). One task handles far more than a GBFS system
 * sends; more tasks serve many systems.
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
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
    }

    /** Adds the errors of settings that are valid alone but not together (see AggregatorConfig). */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        List<ConfigValue> values = config.configValues();
        if (values.stream().allMatch(v -> v.errorMessages().isEmpty())) {
            Map<String, Object> parsed = new HashMap<>();
            values.forEach(v -> parsed.put(v.name(), v.value()));
            AggregatorConfig.conflicts(parsed, connectorConfigs.get(AggregatorConfig.TASKS_MAX))
                    .forEach((key, message) -> values.stream().filter(v -> v.name().equals(key))
                            .forEach(v -> v.addErrorMessage(message)));
        }
        return config;
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

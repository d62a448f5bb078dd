package io.velibconnect.aggregate;

import java.util.Collections;
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
 * <p>Up to {@code tasks.max} tasks, each holding the state of the input partitions Connect assigns to it. A
 * group's total needs all of its stations in one task, so several tasks are exact only when every group lies in
 * one input partition: the source's {@code SystemPartitioner} puts each system in one partition, and then the
 * groups of a system are whole in the task that owns it. One task handles far more than a GBFS system sends;
 * more tasks serve many systems.
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

    @Override
    public ConfigDef config() {
        return AggregatorConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return PluginVersion.VALUE;
    }
}

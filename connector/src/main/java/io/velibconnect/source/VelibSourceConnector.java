package io.velibconnect.source;

import io.velibconnect.plugin.PluginVersion;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Polls GBFS feeds (Vélib' Métropole by default) into a status topic and a compacted information topic.
 * The configured feeds are split across tasks so that no feed is polled by two tasks.
 *
 * <p>Exactly-once (KIP-618): supported. Each task defines its own source offsets (the feed's last_updated and a
 * digest of what was emitted) and every poll batch ends with the record that carries the batch's offset, so
 * with {@code exactly.once.source.support=enabled} and the default {@code transaction.boundary=poll} a batch and
 * its offset commit atomically: a restart neither repeats nor loses a change.
 */
public final class VelibSourceConnector extends SourceConnector {

    private Map<String, String> props;
    private List<String> urls;

    @Override
    public String version() {
        return PluginVersion.VALUE;
    }

    @Override
    public void start(Map<String, String> props) {
        SourceConfig config = new SourceConfig(props);
        this.props = Map.copyOf(props);
        this.urls = config.urls();
    }

    @Override
    public Class<? extends Task> taskClass() {
        return VelibSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        List<List<String>> groups = ConnectorUtils.groupPartitions(urls, Math.min(maxTasks, urls.size()));
        for (int i = 0; i < groups.size(); i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(SourceConfig.TASK_FEEDS, String.join(",", groups.get(i)));
            task.put(SourceConfig.TASK_INDEX, Integer.toString(i));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return SourceConfig.CONFIG_DEF;
    }

    /**
     * Accepts a user's offsets ({@code PATCH /connectors/<name>/offsets}) only when the tasks can use them; a null
     * offset forgets a partition, so its stations are emitted again.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        List<String> problems = OffsetsRequest.problems(offsets);
        if (!problems.isEmpty()) {
            throw new ConnectException("Offsets refused: " + String.join("; ", problems));
        }
        return true;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}

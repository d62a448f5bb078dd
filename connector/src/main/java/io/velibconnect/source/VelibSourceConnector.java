package io.velibconnect.source;

import io.velibconnect.plugin.PluginVersion;
import io.velibconnect.records.StationKey;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(VelibSourceConnector.class);

    private Map<String, String> props;
    private List<String> urls;

    @Override
    public String version() {
        return PluginVersion.VALUE;
    }

    @Override
    public void start(Map<String, String> props) {
        SourceConfig config = new SourceConfig(props);
        String conflict = config.stationKeyConflict();
        if (conflict != null) {
            throw new ConfigException(conflict);
        }
        if (config.stationKey() == StationKey.SYSTEM_CODE
                && !SourceConfig.SYSTEM_PARTITIONER.equals(props.get(SourceConfig.PARTITIONER_OVERRIDE))) {
            LOG.warn("station.key=system-code, but the records of one system may go to several partitions: an "
                    + "aggregator with tasks.max > 1 needs every record of a system in one partition. Set {}={} "
                    + "on this connector", SourceConfig.PARTITIONER_OVERRIDE, SourceConfig.SYSTEM_PARTITIONER);
        }
        this.props = Map.copyOf(props);
        this.urls = config.urls();
    }

    /** The per-key checks of the ConfigDef, then the rule that spans keys: station.key against the systems. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config validated = super.validate(connectorConfigs);
        boolean valid = validated.configValues().stream().allMatch(value -> value.errorMessages().isEmpty());
        if (valid) {
            String conflict = new SourceConfig(connectorConfigs).stationKeyConflict();
            if (conflict != null) {
                validated.configValues().stream().filter(value -> value.name().equals(SourceConfig.STATION_KEY))
                        .findFirst().ifPresent(value -> value.addErrorMessage(conflict));
            }
        }
        return validated;
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

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}

package io.velibconnect.source;

import io.velibconnect.gbfs.LogText;
import io.velibconnect.plugin.PluginVersion;
import io.velibconnect.records.StationKey;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Polls GBFS feeds (Vélib' Métropole by default) into a status topic and a compacted information topic.
 * The configured feeds, and the systems chosen from a {@code gbfs.catalog} (read on a thread of the connector's
 * own, see {@link CatalogueWatch}), are split across tasks so that no feed is polled by two tasks; a catalogue
 * refresh that changes the chosen systems asks Connect for new task configs.
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
    private CatalogueWatch catalogue;

    @Override
    public String version() {
        return PluginVersion.VALUE;
    }

    @Override
    public void start(Map<String, String> props) {
        SourceConfig config = new SourceConfig(props);
        config.problems().forEach((key, problem) -> {
            throw new ConfigException(key, props.get(key), problem);
        });
        if (config.stationKey() == StationKey.SYSTEM_CODE
                && !SourceConfig.SYSTEM_PARTITIONER.equals(props.get(SourceConfig.PARTITIONER_OVERRIDE))) {
            LOG.warn("station.key=system-code, but the records of one system may go to several partitions: an "
                    + "aggregator with tasks.max > 1 needs every record of a system in one partition. Set {}={} "
                    + "on this connector", SourceConfig.PARTITIONER_OVERRIDE, SourceConfig.SYSTEM_PARTITIONER);
        }
        this.props = Map.copyOf(props);
        this.urls = config.urls();
        if (config.catalogue() != null) {
            catalogue = new CatalogueWatch(config, () -> context.requestTaskReconfiguration());
            catalogue.start();
        }
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        boolean valid = config.configValues().stream().allMatch(value -> value.errorMessages().isEmpty());
        if (valid) {
            Map<String, String> problems = new SourceConfig(connectorConfigs).problems();
            for (ConfigValue value : config.configValues()) {
                if (problems.containsKey(value.name())) {
                    value.addErrorMessage(problems.get(value.name()));
                }
            }
        }
        return config;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return VelibSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        CatalogueWatch.Choice choice = catalogue == null ? null : catalogue.choice();
        List<List<String>> groups = FeedSplit.of(urls, choice == null ? List.of() : choice.urls(), maxTasks);
        if (catalogue != null) {
            LOG.info("catalogue {}: {} → {} tasks", LogText.of(catalogue.location()), choice == null ? "not read yet"
                    : String.format(Locale.ROOT, "%,d systems, %,d chosen by %s%s", choice.listed(),
                    choice.chosen().size(), catalogue.filter(), urls.isEmpty() ? "" : ", with " + urls.size()
                            + " gbfs.url feeds"), groups.size());
        }
        for (List<String> group : groups) {
            Map<String, String> task = new HashMap<>(props);
            task.put(SourceConfig.TASK_FEEDS, String.join(",", group));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        if (catalogue != null) {
            catalogue.close();
            catalogue = null;
        }
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

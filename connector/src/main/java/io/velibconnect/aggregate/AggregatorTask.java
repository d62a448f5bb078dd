package io.velibconnect.aggregate;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.velibconnect.gbfs.LogText;
import io.velibconnect.plugin.PluginVersion;
import io.velibconnect.records.SystemPartitioner;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's only task: applies status records to {@link Totals} and has {@link TotalsPublisher} write
 * what changed.
 *
 * <p>On start it reads the metadata topic to its end, creates the state topic if needed and restores it to its
 * end offsets, all before the first record. If the state is empty (first start, or the state topic was deleted)
 * the task rewinds its input partitions to their beginning when they are assigned, which rebuilds the state from
 * the input topic; that is the documented path after losing the state topic, and it is exact as long as the
 * input topic still holds each station's latest status (its retention is longer than a station's silence).
 * Delete the state topic only once the connector is deleted and its task has stopped (its consumer group
 * {@code connect-<name>} has no members): a task still stopping could write entries into it again.
 *
 * <p>After a restore the totals of every restored group are written once more with the first batch, so the
 * output topic is whole again even if totals were lost with a crash (or the output topic was recreated).
 */
public final class AggregatorTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(AggregatorTask.class);
    /**
     * Connect's own key (its runtime, not its API, defines it): {@code none}, the default, stops the task at the
     * first bad record, as Connect does for a record its converter or a transform cannot handle; {@code all}
     * skips it. Read here because Connect gives no errant-record reporter unless a log or a dead-letter queue is
     * configured, and then the reporter cannot say which tolerance applies.
     */
    private static final String ERRORS_TOLERANCE = "errors.tolerance";

    private AggregatorConfig config;
    private StationMetadata metadata;
    private MetadataTopic metadataTopic;
    private StateChangelog changelog;
    private Producer<byte[], byte[]> producer;
    private TotalsPublisher publisher;
    private AggregatorMetrics metrics;
    private ErrantRecordReporter reporter;
    private boolean toleratesBadRecords;
    private Totals totals;
    private SystemCheck systems;
    private boolean rewindOnOpen;
    /** Stations already logged as unknown, so each is logged once per task. */
    private final Set<String> unknownStations = new HashSet<>();

    @Override
    public String version() {
        return PluginVersion.VALUE;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new AggregatorConfig(props);
        String name = props.getOrDefault("name", "velib-aggregator");
        try {
            List<MetadataRow> rows = config.metadataCsv().isPresent() ? MetadataCsv.read(config.metadataCsv().get())
                    : List.of();
            metadata = new StationMetadata(config.grouping(), rows, config.metadataCsvSystem());
            LOG.info("Station metadata: {} CSV rows", rows.size());
        } catch (IOException e) {
            throw new ConnectException("Cannot read " + AggregatorConfig.METADATA_CSV + ": " + e.getMessage(), e);
        }
        metrics = new AggregatorMetrics(context.pluginMetrics(), () -> totals == null ? 0 : totals.size(),
                () -> totals == null ? 0 : totals.stationsIn(config.unknownGroup()));
        reporter = errantRecordReporter();
        toleratesBadRecords = "all".equalsIgnoreCase(props.getOrDefault(ERRORS_TOLERANCE, "none").trim());
        config.metadataTopic().ifPresent(topic -> {
            metadataTopic = new MetadataTopic(topic, config.metadataConverter(), config.consumerProps(),
                    metrics.badRecords::incrementAndGet);
            metadataTopic.readToEnd().forEach(metadata::put);
            LOG.info("Metadata topic {}: {} stations", topic, metadata.feedSize());
        });
        Map<String, Object> producerProps = new HashMap<>(config.producerProps());
        producerProps.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        // all totals of one system in one partition, whatever group.key
        producerProps.putIfAbsent(ProducerConfig.PARTITIONER_CLASS_CONFIG, SystemPartitioner.class.getName());
        producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
        changelog = new StateChangelog(config.stateTopic(name), config.consumerProps());
        changelog.ensureTopic();
        restore();
        rewindOnOpen = totals.size() == 0;
    }

    private void restore() {
        long start = System.nanoTime();
        totals = new Totals(metadata, config.grouping().key());
        int restored = changelog.restore(totals);
        systems = new SystemCheck(config.grouping().key(), totals.systems());
        metrics.restoreTimeMs.set((System.nanoTime() - start) / 1_000_000);
        metrics.stationsRestored.set(restored);
        publisher = new TotalsPublisher(config.outputTopic(), config.outputConverter(), changelog, producer);
        publisher.groupsChanged(totals.groups());
        LOG.info("Restored {} stations from {} in {} ms", restored, changelog.topic(), metrics.restoreTimeMs.get());
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null;
        }
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        if (rewindOnOpen) {
            LOG.info("State topic {} is empty: rebuilding from the beginning of {}", changelog.topic(), partitions);
            partitions.forEach(tp -> context.offset(tp, 0L));
            rewindOnOpen = false;
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (metadataTopic != null) {
            for (FeedStation station : metadataTopic.poll()) {
                String changed = metadata.put(station);
                if (changed != null) {
                    publisher.groupsChanged(totals.replace(changed));
                }
            }
        }
        for (SinkRecord record : records) {
            metrics.recordsIn.incrementAndGet();
            String removedKey = InputRecords.removedKey(record);
            if (removedKey != null) {
                remove(removedKey, record);
                continue;
            }
            try {
                apply(InputRecords.status(record));
            } catch (BadStationRecord e) {
                reject(record, e);
            }
        }
        metrics.groupsUpdated.addAndGet(publisher.sendTotals(totals));
    }

    private void apply(StationState status) throws BadStationRecord {
        systems.accept(status);
        Set<String> changed = totals.apply(status);
        if (changed.isEmpty()) {
            return;
        }
        String station = totals.identity(status);
        publisher.groupsChanged(changed);
        publisher.stationChanged(station, status);
        String unknown = config.grouping().key().group(status.systemId(), config.unknownGroup());
        if (changed.contains(unknown) && unknown.equals(totals.placement(station).group())
                && unknownStations.add(station)) {
            LOG.info("Station {} (code {}, system {}) has no {} in the metadata; counted in group '{}' (offset {})",
                    LogText.of(status.stationId()), LogText.of(status.stationCode()), LogText.of(status.systemId()),
                    config.groupBy().configValue(), LogText.of(unknown), status.offset());
        }
    }

    private void remove(String key, SinkRecord record) {
        String stationId = totals.station(key);
        if (stationId == null) {
            LOG.debug("Tombstone for station {} not held, nothing to remove ({}-{} offset {})", key, record.topic(),
                    record.kafkaPartition(), record.kafkaOffset());
            return;
        }
        Set<String> changed = totals.remove(stationId);
        publisher.groupsChanged(changed);
        publisher.stationRemoved(stationId);
        LOG.info("Station {} (key {}) left the feed: removed from group {} ({}-{} offset {})", LogText.of(stationId),
                LogText.of(key), LogText.of(changed), record.topic(), record.kafkaPartition(), record.kafkaOffset());
    }

    private void reject(SinkRecord record, BadStationRecord e) {
        metrics.badRecords.incrementAndGet();
        String bad = String.format("status record of station %s at %s-%d offset %d: %s", e.station(),
                record.topic(), record.kafkaPartition(), record.kafkaOffset(), e.getMessage());
        if (!toleratesBadRecords) {
            if (reporter != null) {
                try {
                    // Connect's log and dead-letter queue see the record, as for a converter error; then it
                    // throws "Tolerance exceeded", which the exception below replaces with one naming the record
                    reporter.report(record, e);
                } catch (ConnectException toleranceExceeded) {
                    LOG.debug("Errant-record reporter refused {}", bad, toleranceExceeded);
                }
            }
            throw new ConnectException("Bad " + bad + " (errors.tolerance=none stops the task at the first bad "
                    + "record; errors.tolerance=all skips such records)", e);
        }
        LOG.warn("Skipped {}", bad);
        if (reporter != null) {
            reporter.report(record, e);
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            metrics.groupsUpdated.addAndGet(publisher.sendTotals(totals));
            publisher.flush();
            return offsets;
        } catch (ConnectException e) {
            LOG.error("Flush failed; restoring state from {} so the rewound records are applied again",
                    changelog.topic(), e);
            restore();
            throw e;
        }
    }

    @Override
    public void stop() {
        if (metadataTopic != null) {
            metadataTopic.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}

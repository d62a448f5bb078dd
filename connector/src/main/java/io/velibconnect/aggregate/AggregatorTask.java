package io.velibconnect.aggregate;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.velibconnect.aggregate.metadata.FeedStation;
import io.velibconnect.aggregate.metadata.MetadataCsv;
import io.velibconnect.aggregate.metadata.MetadataRow;
import io.velibconnect.aggregate.metadata.MetadataTopic;
import io.velibconnect.aggregate.metadata.Placement;
import io.velibconnect.aggregate.metadata.StationMetadata;
import io.velibconnect.gbfs.LogText;
import io.velibconnect.plugin.PluginVersion;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One aggregator task: applies the status records of the input partitions assigned to it to {@link Totals} and
 * has {@link TotalsPublisher} write what changed. A task owning a partition owns whole groups, as long as all
 * stations of a group are in one partition (the source's SystemPartitioner puts a whole system in one).
 *
 * <p>On start it creates the state topic if needed; it reads the metadata topic to its end when partitions are
 * first assigned. When partitions are assigned it restores their stations' changelog entries, before their first
 * record; a partition for which the state holds nothing (first start, or the state topic was deleted) is rewound
 * to its beginning, which rebuilds its stations from the input topic. That is the documented path after losing
 * the state topic, and it is exact as long as the input topic still holds each station's latest status (its
 * retention is longer than a station's silence). Delete the state topic only once the connector is deleted and its tasks have stopped (its
 * consumer group {@code connect-<name>} has no members): a task still stopping could write entries into it again.
 * When partitions are revoked, their stations are dropped without any write: their new owner continues them.
 * Each changelog entry records the group its station was last published in, so the new owner, placing a station
 * elsewhere (its information arrived meanwhile), also rewrites that group; otherwise a total the old owner wrote
 * there, the unknown group's above all, would stay in the output topic, even if the old owner crashed: the entry
 * of a station new to a task or moved is written before the first totals counting it (see {@link TotalsPublisher}).
 *
 * <p>After a restore the totals of every restored group are written once more with the next batch, so the
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
    private boolean metadataRead;
    private StateChangelog changelog;
    private Producer<byte[], byte[]> producer;
    private TotalsPublisher publisher;
    private AggregatorMetrics metrics;
    private ErrantRecordReporter reporter;
    private boolean toleratesBadRecords;
    private Totals totals;
    private StationPartitions stations;
    private SystemCheck systems;
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
        config.metadataTopic().ifPresent(topic -> metadataTopic = new MetadataTopic(topic,
                config.metadataConverter(), config.consumerProps(), metrics.badRecords::incrementAndGet));
        producer = new KafkaProducer<>(ProducerSettings.of(config.producerProps()), new ByteArraySerializer(),
                new ByteArraySerializer());
        changelog = StateChangelog.open(config.stateTopic(name), inputTopics(props), legacyInput(props),
                config.consumerProps());
        reset();
    }

    /** The topics the task consumes, as Connect selects them. */
    private static Predicate<String> inputTopics(Map<String, String> props) {
        String regex = props.getOrDefault(TOPICS_REGEX_CONFIG, "").strip();
        if (!regex.isEmpty()) {
            return Pattern.compile(regex).asMatchPredicate();
        }
        return Set.copyOf(topicList(props))::contains;
    }

    /** Where entries written before they named their input partition belong (see {@link ChangelogCodec#entry}). */
    private static TopicPartition legacyInput(Map<String, String> props) {
        List<String> topics = topicList(props);
        return topics.isEmpty() ? null : new TopicPartition(topics.get(0), 0);
    }

    private static List<String> topicList(Map<String, String> props) {
        return Arrays.stream(props.getOrDefault(TOPICS_CONFIG, "").split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
    }

    /** Empty state, nothing pending. */
    private void reset() {
        totals = new Totals(metadata, config.grouping().key(), config.grouping().unknownGroup());
        stations = new StationPartitions();
        publisher = new TotalsPublisher(config.outputTopic(), config.outputConverter(), changelog, producer);
    }

    /** Restores the stations of these input partitions; returns the partitions the state holds nothing for. */
    private Set<TopicPartition> restore(Set<TopicPartition> partitions) {
        long start = System.nanoTime();
        int restored = changelog.restore(totals, stations, partitions);
        metrics.restoreTimeMs.set((System.nanoTime() - start) / 1_000_000);
        metrics.stationsRestored.set(restored);
        // in group mode the system the held stations name stays the one this task counts
        systems = new SystemCheck(config.grouping().key(), totals.systems());
        LOG.info("Restored {} stations of {} from {} in {} ms", restored, partitions, changelog.topic(),
                metrics.restoreTimeMs.get());
        Set<TopicPartition> empty = new HashSet<>();
        partitions.stream().filter(tp -> stations.stationsIn(tp) == 0).forEach(empty::add);
        return empty;
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
        if (partitions.isEmpty()) {
            return;
        }
        readMetadataTopic();
        Set<TopicPartition> empty = restore(Set.copyOf(partitions));
        if (!empty.isEmpty()) {
            LOG.info("State topic {} holds nothing of {}: rebuilding them from their beginning", changelog.topic(),
                    empty);
            empty.forEach(tp -> context.offset(tp, 0L));
        }
    }

    /**
     * Reads the metadata topic to its end, once, before the first stations are restored or applied. Not in
     * {@link #start}: Connect's consumer joins the group after start() returns, and a task that read a large topic
     * there joined late, so the group rebalanced again while the other task was already catching up.
     */
    private void readMetadataTopic() {
        if (metadataTopic != null && !metadataRead) {
            metadataTopic.readToEnd().forEach(metadata::put);
            metadataRead = true;
            LOG.info("Metadata topic {}: {} stations", config.metadataTopic().orElseThrow(), metadata.feedSize());
        }
    }

    /**
     * Drops the stations of these partitions without writing anything: their new owner restores them from the
     * changelog. On a revocation Connect has just committed them through {@link #preCommit}, which flushed every
     * pending total and changelog entry; when the partitions were lost instead (this task was dropped from the
     * group) their offsets were not committed, so what is still pending for them is discarded: their new owner
     * applies those records again.
     */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (stations == null) {
            return; // start() failed: nothing is held
        }
        Set<String> dropped = stations.drop(partitions);
        Set<String> groups = totals.handOver(dropped);
        publisher.handedOver(groups, dropped);
        LOG.info("Handed over {}: {} stations in {} groups dropped, {} stations still held", partitions,
                dropped.size(), groups.size(), totals.size());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (metadataRead) {
            for (FeedStation station : metadataTopic.poll()) {
                String changed = metadata.put(station);
                if (changed != null) {
                    Placement before = totals.placement(changed);
                    if (totals.replace(changed)) {
                        entryChanged(changed, before);
                    }
                }
            }
        }
        for (SinkRecord record : records) {
            metrics.recordsIn.incrementAndGet();
            TopicPartition input = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
            String removedKey = InputRecords.removedKey(record);
            if (removedKey != null) {
                remove(removedKey, record);
                continue;
            }
            try {
                apply(InputRecords.status(record), input);
            } catch (BadStationRecord e) {
                reject(record, e);
            }
        }
        metrics.groupsUpdated.addAndGet(publisher.sendTotals(totals));
    }

    private void apply(StationState status, TopicPartition input) throws BadStationRecord {
        systems.accept(status);
        String station = totals.identity(status);
        Placement before = totals.placement(station);
        if (!totals.apply(status)) {
            return;
        }
        stations.assign(station, input);
        entryChanged(station, before);
        String unknown = config.grouping().key().group(status.systemId(), config.unknownGroup());
        if (unknown.equals(totals.placement(station).group()) && unknownStations.add(station)) {
            LOG.info("Station {} (code {}, system {}) has no {} in the metadata; counted in group '{}' (offset {})",
                    LogText.of(status.stationId()), LogText.of(status.stationCode()), LogText.of(status.systemId()),
                    config.groupBy().configValue(), LogText.of(unknown), status.offset());
        }
    }

    /**
     * The station's changelog entry is to be written again: its status or its group changed ({@code before}: its
     * placement until then, null when it was not held).
     */
    private void entryChanged(String station, Placement before) {
        publisher.stationChanged(station, totals.state(station), stations.partitionOf(station),
                totals.placement(station).group(), before == null ? null : before.group());
    }

    private void remove(String key, SinkRecord record) {
        String station = totals.station(key);
        if (station == null) {
            LOG.debug("Tombstone for station {} not held, nothing to remove ({}-{} offset {})", key, record.topic(),
                    record.kafkaPartition(), record.kafkaOffset());
            return;
        }
        publisher.stationRemoved(station, stations.partitionOf(station));
        stations.remove(station);
        String group = totals.remove(station);
        LOG.info("Station {} (key {}) left the feed: removed from group {} ({}-{} offset {})", LogText.of(station),
                LogText.of(key), LogText.of(group), record.topic(), record.kafkaPartition(), record.kafkaOffset());
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
            reset();
            restore(context.assignment());
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

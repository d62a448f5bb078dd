package io.velibconnect.aggregate;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted changelog of each station's latest status: created if missing, read to its end offsets into a
 * {@link Totals} before the task applies any record of an input partition, and appended to through the task's
 * producer.
 *
 * <p>An entry goes to state partition (input partition % state partitions), so restoring an input partition
 * reads one state partition. The topic is created with as many partitions as the largest input topic then has;
 * any count is correct (a state topic of one partition, as older versions created, holds every entry), but the
 * count must never change afterwards: entries already written would then sit in the wrong partition.
 */
public final class StateChangelog {

    private static final Logger LOG = LoggerFactory.getLogger(StateChangelog.class);
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(200);
    /** How long a topic may stay unknown to the broker answering a describe before the task gives up. */
    private static final Duration UNKNOWN_TOPIC = Duration.ofSeconds(30);

    private final String topic;
    private final int partitions;
    private final TopicPartition legacyInput;
    private final Map<String, Object> clientProps;

    /** @param legacyInput the input partition of entries that name none (see {@link ChangelogCodec#entry}) */
    StateChangelog(String topic, int partitions, TopicPartition legacyInput, Map<String, Object> clientProps) {
        this.topic = topic;
        this.partitions = partitions;
        this.legacyInput = legacyInput;
        this.clientProps = clientProps;
    }

    /**
     * The changelog in {@code topic}, created (compacted, with as many partitions as the largest existing topic
     * that {@code isInput} accepts) unless it exists.
     */
    public static StateChangelog open(String topic, Predicate<String> isInput, TopicPartition legacyInput,
                                      Map<String, Object> clientProps) {
        try (Admin admin = Admin.create(clientProps)) {
            List<String> inputs = admin.listTopics().names().get().stream().filter(isInput).toList();
            int wanted = partitionCounts(admin, inputs).stream().max(Integer::compare).orElse(1);
            NewTopic newTopic = new NewTopic(topic, Optional.of(wanted), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all().get();
                LOG.info("Created state topic {} with {} partitions", topic, wanted);
                return new StateChangelog(topic, wanted, legacyInput, clientProps);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new ConnectException("Cannot create state topic " + topic, e.getCause());
                }
            }
            int partitions = partitionCounts(admin, List.of(topic)).get(0);
            return new StateChangelog(topic, partitions, legacyInput, clientProps);
        } catch (ExecutionException e) {
            throw new ConnectException("Cannot describe the input and state topics of " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while creating state topic " + topic, e);
        }
    }

    /**
     * Retries while a topic is unknown: a topic another task has just created, or the broker has just listed,
     * can be missing from the metadata the broker answering holds for a moment.
     */
    private static List<Integer> partitionCounts(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + UNKNOWN_TOPIC.toNanos();
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get().values().stream()
                        .map(TopicDescription::partitions).map(List::size).toList();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(RETRY_INTERVAL.toMillis());
            }
        }
    }

    public String topic() {
        return topic;
    }

    /**
     * Reads the state partitions that can hold entries of {@code inputs} to their end offsets and applies those
     * entries to {@code totals}; returns how many stations were restored.
     */
    public int restore(Totals totals, StationPartitions stations, Set<TopicPartition> inputs) {
        ChangelogReplay replay = new ChangelogReplay(legacyInput);
        List<TopicPartition> read = inputs.stream().map(this::statePartition).distinct().toList();
        if (read.isEmpty()) {
            return replay.applyTo(totals, stations, inputs);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = CompactedTopicReader.consumer(clientProps)) {
            CompactedTopicReader.readToEnd(consumer, read, "State topic " + topic, replay::add);
        }
        return replay.applyTo(totals, stations, inputs);
    }

    private TopicPartition statePartition(TopicPartition input) {
        return new TopicPartition(topic, input.partition() % partitions);
    }

    /**
     * The record of a station's entry: its value, or a tombstone when the entry holds no state (the station left
     * the feed), in the state partition of the entry's input partition.
     *
     * @param station the station's identity ({@link Totals#identity})
     */
    public ProducerRecord<byte[], byte[]> entry(String station, ChangelogEntry entry) {
        return new ProducerRecord<>(topic, statePartition(entry.input()).partition(), ChangelogCodec.key(station),
                entry.state() == null ? null : ChangelogCodec.value(entry));
    }
}

package io.velibconnect.aggregate;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import io.velibconnect.gbfs.LogText;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted changelog of each station's latest status: created if missing, read to its end offsets into a
 * {@link Totals} before the task applies any new record, and appended to through the task's producer.
 */
public final class StateChangelog {

    private static final Logger LOG = LoggerFactory.getLogger(StateChangelog.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long reading the state topic may go without a record before the restore gives up. */
    private static final Duration STALLED = Duration.ofSeconds(60);

    private final String topic;
    private final Map<String, Object> clientProps;

    public StateChangelog(String topic, Map<String, Object> clientProps) {
        this.topic = topic;
        this.clientProps = clientProps;
    }

    public String topic() {
        return topic;
    }

    /** Creates the topic (compacted, one partition) unless it exists. */
    public void ensureTopic() {
        try (Admin admin = Admin.create(clientProps)) {
            NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(newTopic)).all().get();
            LOG.info("Created state topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ConnectException("Cannot create state topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while creating state topic " + topic, e);
        }
    }

    /** Reads the whole changelog into {@code totals}; returns the number of stations restored. */
    public int restore(Totals totals) {
        Map<String, Object> props = new java.util.HashMap<>(clientProps);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long lastProgress = System.nanoTime();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    restore(totals, record);
                }
                if (!records.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALLED.toNanos()) {
                    // a task stuck here outlives Connect's stop timeout and blocks its own replacement
                    throw new ConnectException("State topic " + topic + " gave no records for " + STALLED.toSeconds()
                            + " s while it was being read to its end; is the broker reachable?");
                }
            }
        }
        return totals.size();
    }

    void restore(Totals totals, ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String station = ChangelogCodec.station(record.key());
        if (record.value() == null) {
            totals.remove(station);
            return;
        }
        try {
            totals.apply(ChangelogCodec.state(record.value()));
        } catch (IOException e) {
            LOG.warn("State topic {} offset {}: unreadable entry for station {} skipped ({}); the next status of "
                    + "that station restores it", topic, record.offset(), LogText.of(station), LogText.of(e.getMessage()));
        }
    }

    /** @param station the station's identity ({@link Totals#identity}) */
    public ProducerRecord<byte[], byte[]> entry(String station, StationState state) {
        return new ProducerRecord<>(topic, ChangelogCodec.key(station), ChangelogCodec.value(state));
    }

    public ProducerRecord<byte[], byte[]> tombstone(String station) {
        return new ProducerRecord<>(topic, ChangelogCodec.key(station), null);
    }
}

package io.velibconnect.aggregate.metadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.velibconnect.aggregate.BadStationRecord;
import io.velibconnect.aggregate.CompactedTopicReader;
import io.velibconnect.aggregate.InputRecords;
import io.velibconnect.gbfs.LogText;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted station information topic as a global table: every partition from the beginning, read to its
 * end at start, then caught up on each batch so later information (a new station, a changed capacity)
 * reaches the totals. The topic may not exist yet when the task starts (the source creates it); it is then looked up
 * again at most once a second, and read to its end as soon as it is found. Tombstones are skipped: the topic is keyed
 * by stationCode and the table by station_id, and a removed station's last information does no harm.
 */
public final class MetadataTopic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataTopic.class);
    private static final long LOOKUP_INTERVAL_MS = 1_000;
    private static final long END_CHECK_INTERVAL_MS = 1_000;
    /** Short: the catch-up runs inside put(), so every millisecond of it delays the totals of the batch. */
    private static final Duration MAX_CATCH_UP = Duration.ofMillis(50);
    private static final Duration FETCH_WAIT = Duration.ofMillis(10);

    private final String topic;
    private final Converter converter;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private boolean assigned;
    private boolean reportedMissing;
    private long nextLookup;
    private long nextEndCheck;
    private final Runnable onBadRecord;

    /** @param onBadRecord counts a record that is skipped because it cannot be read */
    public MetadataTopic(String topic, Converter converter, Map<String, Object> consumerProps, Runnable onBadRecord) {
        this.topic = topic;
        this.converter = converter;
        this.onBadRecord = onBadRecord;
        this.consumer = CompactedTopicReader.consumer(consumerProps);
    }

    /**
     * Reads the topic from its beginning to its current end offsets, once it exists (empty while it does not);
     * what arrives afterwards comes from {@link #poll}.
     */
    public List<FeedStation> readToEnd() {
        List<FeedStation> stations = new ArrayList<>();
        List<TopicPartition> partitions = assigned ? List.of() : lookUp();
        if (!partitions.isEmpty()) {
            CompactedTopicReader.readToEnd(consumer, partitions, "Metadata topic " + topic,
                    record -> convert(record, stations));
            assigned = true;
        }
        return stations;
    }

    /**
     * What arrived since the last call. Besides what the consumer already holds, at most once per
     * {@link #END_CHECK_INTERVAL_MS} it asks the broker for the end offsets and reads up to them, for at most
     * {@link #MAX_CATCH_UP}: the consumer only does I/O inside these calls, and an idle task is put() only about
     * once per offset flush (10 s by default), too seldom for a fetch of a few MB to be read in the zero-wait polls
     * of each put (it times out after request.timeout.ms). A topic that has just appeared is read to its end.
     */
    public List<FeedStation> poll() {
        if (!assigned) {
            return readToEnd();
        }
        List<FeedStation> stations = new ArrayList<>();
        consumer.poll(Duration.ZERO).forEach(record -> convert(record, stations));
        long now = System.currentTimeMillis();
        if (now >= nextEndCheck) {
            nextEndCheck = now + END_CHECK_INTERVAL_MS;
            try {
                Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), MAX_CATCH_UP);
                long deadline = System.nanoTime() + MAX_CATCH_UP.toNanos();
                while (CompactedTopicReader.behind(consumer, end) && System.nanoTime() < deadline) {
                    consumer.poll(FETCH_WAIT).forEach(record -> convert(record, stations));
                }
            } catch (TimeoutException e) {
                LOG.debug("Metadata topic {}: end offsets not known within {}; read at the next check", topic,
                        MAX_CATCH_UP);
            }
        }
        return stations;
    }

    /** The topic's partitions, or none while it does not exist (looked up at most once a second). */
    private List<TopicPartition> lookUp() {
        if (System.currentTimeMillis() < nextLookup) {
            return List.of();
        }
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        if (partitions == null || partitions.isEmpty()) {
            nextLookup = System.currentTimeMillis() + LOOKUP_INTERVAL_MS;
            if (!reportedMissing) {
                reportedMissing = true;
                LOG.info("Metadata topic {} does not exist yet; stations get capacity 0 and the CSV's postcode until "
                        + "it does", topic);
            }
            return List.of();
        }
        return partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private void convert(ConsumerRecord<byte[], byte[]> record, List<FeedStation> stations) {
        if (record.value() == null) {
            return;
        }
        try {
            SchemaAndValue value = converter.toConnectData(topic, record.value());
            stations.add(InputRecords.information(null, value.value()));
        } catch (BadStationRecord e) {
            onBadRecord.run();
            LOG.warn("Metadata topic {} partition {} offset {}: station {} skipped: {}", topic,
                    record.partition(), record.offset(), e.station(), e.getMessage());
        } catch (RuntimeException e) {
            onBadRecord.run();
            LOG.warn("Metadata topic {} partition {} offset {}: unreadable record skipped: {}", topic,
                    record.partition(), record.offset(), LogText.of(e.toString()));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}

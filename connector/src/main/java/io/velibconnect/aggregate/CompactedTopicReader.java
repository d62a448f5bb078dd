package io.velibconnect.aggregate;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Loads a compacted topic as a table: its partitions read from their beginning to the end offsets they have when
 * the read starts, by a consumer of no group (nothing committed; each task reads the whole of what it asks for).
 */
public final class CompactedTopicReader {

    private static final Duration POLL = Duration.ofMillis(200);
    /** How long a read may go without a record before it gives up. */
    private static final Duration STALLED = Duration.ofSeconds(60);

    private CompactedTopicReader() {
    }

    /** A consumer of raw bytes for {@link #readToEnd}, without a group and without commits. */
    public static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> clientProps) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Assigns {@code partitions} to {@code consumer}, which stays assigned to them afterwards, and hands every
     * record from their beginning to their current end offsets to {@code each}.
     *
     * @param topicName the topic as error messages name it, e.g. "State topic velib-state"
     * @throws ConnectException when no record arrives for a minute before the end is reached
     */
    public static void readToEnd(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
                                 Collection<TopicPartition> partitions, String topicName,
                                 Consumer<ConsumerRecord<byte[], byte[]>> each) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long lastProgress = System.nanoTime();
        while (behind(consumer, end)) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            records.forEach(each);
            if (!records.isEmpty()) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALLED.toNanos()) {
                // a task stuck here outlives Connect's stop timeout and blocks its own replacement
                throw new ConnectException(topicName + " gave no records for " + STALLED.toSeconds()
                        + " s while it was being read to its end; is the broker reachable?");
            }
        }
    }

    /** True while {@code consumer} has not yet read up to {@code end} on one of its partitions. */
    public static boolean behind(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
                                 Map<TopicPartition, Long> end) {
        return end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue());
    }
}

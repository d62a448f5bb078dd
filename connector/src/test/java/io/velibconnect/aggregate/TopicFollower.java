package io.velibconnect.aggregate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one single-partition topic from its beginning, a little more at each call, with one consumer that lives
 * as long as the test (it reconnects by itself when the broker comes back).
 */
final class TopicFollower implements AutoCloseable {

    private static final int MAX_POLLS = 100;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;

    TopicFollower(String bootstrapServers, String topic, String isolationLevel) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    /**
     * The records appended since the last call, up to the end offset the broker gives now (the last stable offset
     * for read_committed); empty while the broker is away.
     */
    List<ConsumerRecord<byte[], byte[]>> poll() {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try {
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(5)).get(partition);
            for (int i = 0; i < MAX_POLLS && consumer.position(partition, Duration.ofSeconds(5)) < end; i++) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            // the broker is restarting: what was read so far is returned, the rest comes at a later call
        }
        return records;
    }

    @Override
    public void close() {
        consumer.close();
    }
}

package io.velibconnect.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A topic read as a table: the latest value per key (a tombstone removes the key), and the partitions each
 * system's records were found in. {@link #catchUp} reads what was written since the last call.
 */
final class TopicTable implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, JsonNode> latest = new TreeMap<>();
    private final Map<String, Set<Integer>> partitionsBySystem = new TreeMap<>();

    TopicTable(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads up to the end offsets of now; bounded by a few seconds. */
    TopicTable catchUp() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                String key = new String(record.key(), StandardCharsets.UTF_8);
                partitionsBySystem.computeIfAbsent(WorldTotals.systemOf(key), s -> new TreeSet<>())
                        .add(record.partition());
                if (record.value() == null) {
                    latest.remove(key);
                } else {
                    latest.put(key, payload(record.value()));
                }
            }
        }
        return this;
    }

    private static JsonNode payload(byte[] value) {
        try {
            JsonNode node = ProjectFiles.JSON.readTree(value);
            return node.has("payload") ? node.get("payload") : node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, JsonNode> latest() {
        return latest;
    }

    /** The systems whose records were found in more than one partition, with those partitions. */
    Map<String, Set<Integer>> systemsSpread() {
        Map<String, Set<Integer>> spread = new HashMap<>();
        partitionsBySystem.forEach((system, partitions) -> {
            if (partitions.size() > 1) {
                spread.put(system, partitions);
            }
        });
        return spread;
    }

    Set<String> systems() {
        return partitionsBySystem.keySet();
    }

    @Override
    public void close() {
        consumer.close();
    }
}

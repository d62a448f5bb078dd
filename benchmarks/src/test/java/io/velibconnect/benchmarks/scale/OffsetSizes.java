package io.velibconnect.benchmarks.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * What a source connector's offsets weigh in the worker's offsets topic: the latest value of each of its source
 * partitions (key {@code ["<connector>", {feed, shard, url}]}), the largest of them, and their sum per feed URL.
 *
 * @param largestRecord bytes of the largest offset value
 * @param perSystem     bytes of all offset values of one system (status and information, every shard), averaged
 *                      over the systems
 * @param partitions    source partitions with an offset
 */
record OffsetSizes(long largestRecord, double perSystem, int partitions) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static OffsetSizes read(EmbeddedKafkaCluster kafka, String offsetsTopic, String connector) {
        Map<String, Integer> latest = new HashMap<>();
        Map<String, String> urlOf = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumer(Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(offsetsTopic).stream()
                    .map(p -> new TopicPartition(offsetsTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the offsets topic " + offsetsTopic + " was not read in 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    JsonNode key = key(record.key());
                    if (key == null || !connector.equals(key.path(0).asText())) {
                        continue;
                    }
                    String partition = key.path(1).toString();
                    if (record.value() == null) {
                        latest.remove(partition);
                    } else {
                        latest.put(partition, record.value().length);
                        urlOf.put(partition, key.path(1).path("url").asText());
                    }
                }
            }
        }
        Map<String, Long> bySystem = new HashMap<>();
        latest.forEach((partition, bytes) -> bySystem.merge(urlOf.get(partition), (long) bytes, Long::sum));
        long largest = latest.values().stream().mapToLong(Integer::longValue).max().orElse(0);
        double perSystem = bySystem.values().stream().mapToLong(Long::longValue).average().orElse(0);
        return new OffsetSizes(largest, perSystem, latest.size());
    }

    private static JsonNode key(byte[] key) {
        if (key == null) {
            return null;
        }
        try {
            return JSON.readTree(key);
        } catch (IOException e) {
            throw new UncheckedIOException("an offsets topic key is not JSON", e);
        }
    }
}

package io.velibconnect.benchmarks.scale;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.velibconnect.aggregate.TotalsRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * Reads a totals topic created with {@code message.timestamp.type=LogAppendTime} (one partition, from its start),
 * so a record's timestamp is when the broker wrote it. A group's totals record carries the newest feed time among
 * its stations, so a round's totals are those carrying the round's feed time.
 */
final class TotalsLog implements AutoCloseable {

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final JsonConverter converter = new JsonConverter();

    TotalsLog(EmbeddedKafkaCluster kafka, String topic) {
        this.topic = topic;
        this.consumer = kafka.createConsumer(Map.of());
        converter.configure(Map.of("schemas.enable", "true"), false);
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    /**
     * The broker's write time (epoch ms) of the last totals record carrying {@code feedTimeSeconds}, once
     * {@code caughtUp} holds and {@code quietMs} pass without another; -1 if none came within {@code timeoutMs}.
     */
    long lastWritten(long feedTimeSeconds, BooleanSupplier caughtUp, long quietMs, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        long lastWritten = -1;
        long lastSeen = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                if (record.value() != null && feedTimeSeconds * 1000 == feedTime(record)) {
                    lastWritten = Math.max(lastWritten, record.timestamp());
                    lastSeen = System.currentTimeMillis();
                }
            }
            if (lastWritten >= 0 && System.currentTimeMillis() - lastSeen > quietMs && caughtUp.getAsBoolean()) {
                return lastWritten;
            }
        }
        return lastWritten;
    }

    private long feedTime(ConsumerRecord<byte[], byte[]> record) {
        Struct value = (Struct) converter.toConnectData(topic, record.value()).value();
        return ((Date) value.get(TotalsRecords.TIMESTAMP)).getTime();
    }

    @Override
    public void close() {
        consumer.close();
    }
}

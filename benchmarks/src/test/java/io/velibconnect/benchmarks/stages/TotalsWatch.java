package io.velibconnect.benchmarks.stages;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.velibconnect.aggregate.TotalsRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * A consumer of a totals topic (1 partition, from its start) that tells when the totals of one feed snapshot
 * arrived, and keeps each group's latest bike total. The totals record of a group carries the newest feed time
 * among its stations, so a snapshot's totals are the records carrying its feed time: the first one is the first
 * group out, the last one before {@link #QUIET_MS} without any is the last group the snapshot changed.
 */
public final class TotalsWatch implements AutoCloseable {

    static final long QUIET_MS = 500;
    /** A snapshot whose totals do not show up within this is a failed run, not a slow sample. */
    private static final long SNAPSHOT_TIMEOUT_MS = 60_000;

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final JsonConverter converter = new JsonConverter();
    private final Map<String, Long> bikes = new TreeMap<>();

    public TotalsWatch(EmbeddedKafkaCluster kafka, String topic) {
        this.topic = topic;
        this.consumer = kafka.createConsumer(Map.of());
        converter.configure(Map.of("schemas.enable", "true"), false);
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    /** {@link System#nanoTime()} of the first and of the last totals record of one snapshot. */
    public record Arrival(long firstNanos, long lastNanos) {

        public double firstMillisSince(long startNanos) {
            return (firstNanos - startNanos) / 1e6;
        }

        public double lastMillisSince(long startNanos) {
            return (lastNanos - startNanos) / 1e6;
        }
    }

    /** Waits for the totals records carrying {@code feedTime}, until {@link #QUIET_MS} pass without another. */
    public Arrival await(Instant feedTime) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SNAPSHOT_TIMEOUT_MS);
        long firstNanos = 0;
        long lastNanos = 0;
        while (System.nanoTime() < deadline) {
            var records = consumer.poll(Duration.ofMillis(5));
            long now = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.value() != null && carries(record, feedTime)) {
                    firstNanos = firstNanos == 0 ? now : firstNanos;
                    lastNanos = now;
                }
            }
            if (lastNanos != 0 && now - lastNanos > TimeUnit.MILLISECONDS.toNanos(QUIET_MS)) {
                return new Arrival(firstNanos, lastNanos);
            }
        }
        throw new IllegalStateException("no totals record with timestamp " + feedTime + " in " + topic + " within "
                + SNAPSHOT_TIMEOUT_MS + " ms");
    }

    private boolean carries(ConsumerRecord<byte[], byte[]> record, Instant feedTime) {
        Struct value = (Struct) converter.toConnectData(topic, record.value()).value();
        bikes.put(value.getString(TotalsRecords.POSTCODE), value.getInt64(TotalsRecords.TOTAL_BIKES_AVAILABLE));
        return ((Date) value.get(TotalsRecords.TIMESTAMP)).toInstant().equals(feedTime);
    }

    /** Each group's latest total of available bikes, as read so far. */
    public Map<String, Long> bikes() {
        return Map.copyOf(bikes);
    }

    @Override
    public void close() {
        consumer.close();
    }
}

package io.velibconnect.records;

import java.util.Arrays;
import java.util.Map;

import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * A producer partitioner that sends every record of one bike-share system to one partition: it hashes only the
 * system part of a {@link SystemScopedKey} ({@code station.key=system-code}, {@code group.key=system-group}), so a
 * sink task that owns a partition owns whole systems. A key without a system part is hashed whole, as Kafka's
 * default partitioner does. Configure it on the source with
 * {@code producer.override.partitioner.class=io.velibconnect.records.SystemPartitioner}.
 */
public final class SystemPartitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                         Cluster cluster) {
        int partitions = cluster.partitionsForTopic(topic).size();
        return partition(keyBytes, partitions);
    }

    /** The partition of a UTF-8 record key among {@code partitions}. */
    public static int partition(byte[] keyBytes, int partitions) {
        if (keyBytes == null) {
            return 0;
        }
        int systemLength = SystemScopedKey.systemLength(keyBytes);
        byte[] hashed = systemLength < 0 ? keyBytes : Arrays.copyOf(keyBytes, systemLength);
        return Utils.toPositive(Utils.murmur2(hashed)) % partitions;
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}

package io.velibconnect.aggregate;

import java.util.HashMap;
import java.util.Map;

import io.velibconnect.records.SystemPartitioner;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The settings of a task's own producer: the user's {@code producer.*} keys, and defaults for those not given. */
final class ProducerSettings {

    /**
     * A produce request carries at most one batch per partition, and all totals of a system go to one partition
     * (as do a state partition's entries): with the client's 16 KB batches, catching up with a large input (tens
     * of MB of totals and entries per commit) took hundreds of requests to one partition, which the commit's
     * flush waited for. 256 KB batches carry 16 times as much per request; they only fill that far when so much
     * is pending, so a quiet feed's totals go out as soon as before.
     */
    static final int BATCH_SIZE = 256 * 1024;
    /**
     * Totals and changelog entries are JSON that repeats its field names (totals with their schema): lz4 makes
     * them several times smaller for the broker to write, which a commit's flush waits for, at little CPU.
     */
    static final String COMPRESSION = "lz4";

    private ProducerSettings() {
    }

    static Map<String, Object> of(Map<String, Object> user) {
        Map<String, Object> settings = new HashMap<>(user);
        settings.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        // all totals of one system in one partition, whatever group.key
        settings.putIfAbsent(ProducerConfig.PARTITIONER_CLASS_CONFIG, SystemPartitioner.class.getName());
        settings.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        settings.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        return settings;
    }
}

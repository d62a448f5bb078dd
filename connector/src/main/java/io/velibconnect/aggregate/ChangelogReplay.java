package io.velibconnect.aggregate;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.velibconnect.gbfs.LogText;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a restore read from the state partitions: the latest entry per key (a tombstone deletes the key), of
 * which only the entries of the input partitions being restored are applied; the other entries in the same
 * state partitions belong to input partitions of other tasks.
 */
final class ChangelogReplay {

    private static final Logger LOG = LoggerFactory.getLogger(ChangelogReplay.class);

    /** What was applied: the stations restored and the groups they are counted in. */
    record Restored(int stations, Set<String> groups) {
    }

    private final TopicPartition legacyInput;
    private final Map<String, ChangelogEntry> latest = new LinkedHashMap<>();

    /** @param legacyInput the input partition of entries that name none (see {@link ChangelogCodec#entry}) */
    ChangelogReplay(TopicPartition legacyInput) {
        this.legacyInput = legacyInput;
    }

    void add(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String stationId = ChangelogCodec.stationId(record.key());
        if (record.value() == null) {
            latest.remove(stationId);
            return;
        }
        try {
            latest.put(stationId, ChangelogCodec.entry(record.value(), legacyInput));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("State topic {}-{} offset {}: unreadable entry for station {} skipped ({}); the next status of "
                    + "that station restores it", record.topic(), record.partition(), record.offset(),
                    LogText.of(stationId), LogText.of(e.getMessage()));
        }
    }

    /** Applies the entries of {@code inputs} to {@code totals}, recording their partition in {@code stations}. */
    Restored applyTo(Totals totals, StationPartitions stations, Set<TopicPartition> inputs) {
        Set<String> groups = new HashSet<>();
        int restored = 0;
        for (ChangelogEntry entry : latest.values()) {
            if (entry.input() != null && inputs.contains(entry.input())) {
                groups.addAll(totals.apply(entry.state()));
                stations.assign(entry.state().stationId(), entry.input());
                restored++;
            }
        }
        return new Restored(restored, groups);
    }
}

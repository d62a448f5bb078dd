package io.velibconnect.aggregate;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.velibconnect.gbfs.LogText;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a restore read from the state partitions: the latest entry per key (a station's identity, see
 * {@link ChangelogCodec}; a tombstone deletes the key), of which only the entries of the input partitions being
 * restored are applied; the other entries in the same state partitions belong to input partitions of other
 * tasks.
 */
final class ChangelogReplay {

    private static final Logger LOG = LoggerFactory.getLogger(ChangelogReplay.class);


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
        String station = ChangelogCodec.station(record.key());
        if (record.value() == null) {
            latest.remove(station);
            return;
        }
        try {
            latest.put(station, ChangelogCodec.entry(record.value(), legacyInput));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("State topic {}-{} offset {}: unreadable entry for station {} skipped ({}); the next status of "
                    + "that station restores it", record.topic(), record.partition(), record.offset(),
                    LogText.of(station), LogText.of(e.getMessage()));
        }
    }

    /**
     * Applies the entries of {@code inputs} to {@code totals}, recording their partition in {@code stations}
     * under the identity {@code totals} holds them by; returns how many stations were restored. Their groups, and
     * the groups their entries recorded where those differ (see {@link Totals#restore}), are then among the changed
     * groups of {@code totals}, so their totals are written again. An entry without the system its identity needs
     * (one written with group.key=group, read with system-group) is skipped: its station is rebuilt by its next
     * status.
     */
    int applyTo(Totals totals, StationPartitions stations, Set<TopicPartition> inputs) {
        int restored = 0;
        for (Map.Entry<String, ChangelogEntry> held : latest.entrySet()) {
            ChangelogEntry entry = held.getValue();
            if (entry.input() == null || !inputs.contains(entry.input())) {
                continue;
            }
            String station;
            try {
                station = totals.identity(entry.state());
            } catch (IllegalArgumentException e) {
                LOG.warn("State entry for station {} skipped: {} (was the state topic written with another {}?)",
                        LogText.of(held.getKey()), LogText.of(e.getMessage()), AggregatorConfig.GROUP_KEY);
                continue;
            }
            totals.restore(entry.state(), entry.group(), entry.left());
            stations.assign(station, entry.input());
            restored++;
        }
        return restored;
    }
}

package io.velibconnect.aggregate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The station versions read from the status topic, each with how many times it was written. */
final class StatusTopicLog {

    private final Map<ServedChanges.Version, Integer> seen = new HashMap<>();
    private int records;

    void add(List<ConsumerRecord<byte[], byte[]>> batch) {
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            records++;
            String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
            seen.merge(new ServedChanges.Version(new String(record.key(), StandardCharsets.UTF_8), value), 1,
                    Integer::sum);
        }
    }

    int records() {
        return records;
    }

    /** The owed versions not read (yet). */
    List<ServedChanges.Version> missing(Iterable<ServedChanges.Version> owed) {
        List<ServedChanges.Version> missing = new ArrayList<>();
        owed.forEach(v -> {
            if (!seen.containsKey(v)) {
                missing.add(v);
            }
        });
        return missing;
    }

    /** Versions read that no served snapshot owed. */
    List<ServedChanges.Version> unowed(Map<ServedChanges.Version, Integer> owed) {
        return seen.keySet().stream().filter(v -> !owed.containsKey(v)).toList();
    }

    /** Versions read more than once, with their count, by key. */
    Map<String, Integer> duplicates() {
        Map<String, Integer> duplicates = new TreeMap<>();
        seen.forEach((version, count) -> {
            if (count > 1) {
                duplicates.put(version.toString(), count);
            }
        });
        return duplicates;
    }
}

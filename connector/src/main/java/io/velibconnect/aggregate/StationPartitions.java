package io.velibconnect.aggregate;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

/**
 * The input partition each held station's records come from, so that a task can hand whole partitions over in
 * a rebalance: it drops the stations of a revoked partition, and the task it goes to restores exactly those.
 *
 * <p>All records of a station are in one partition (the source's partitioner hashes the key, or its system
 * part), so a station has one partition; a record from another partition moves it there.
 */
final class StationPartitions {

    private final Map<String, TopicPartition> byStation = new HashMap<>();
    private final Map<TopicPartition, Set<String>> byPartition = new HashMap<>();

    void assign(String stationId, TopicPartition input) {
        TopicPartition before = byStation.put(stationId, input);
        if (input.equals(before)) {
            return;
        }
        if (before != null) {
            leave(stationId, before);
        }
        byPartition.computeIfAbsent(input, tp -> new HashSet<>()).add(stationId);
    }

    /** The partition of a held station, or null. */
    TopicPartition partitionOf(String stationId) {
        return byStation.get(stationId);
    }

    void remove(String stationId) {
        TopicPartition before = byStation.remove(stationId);
        if (before != null) {
            leave(stationId, before);
        }
    }

    /** Forgets the stations of these partitions; returns them. */
    Set<String> drop(Collection<TopicPartition> partitions) {
        Set<String> dropped = new HashSet<>();
        for (TopicPartition tp : partitions) {
            Set<String> stations = byPartition.remove(tp);
            if (stations != null) {
                stations.forEach(byStation::remove);
                dropped.addAll(stations);
            }
        }
        return dropped;
    }

    /** Number of stations held from this partition. */
    int stationsIn(TopicPartition partition) {
        Set<String> stations = byPartition.get(partition);
        return stations == null ? 0 : stations.size();
    }

    private void leave(String stationId, TopicPartition partition) {
        Set<String> stations = byPartition.get(partition);
        stations.remove(stationId);
        if (stations.isEmpty()) {
            byPartition.remove(partition);
        }
    }
}

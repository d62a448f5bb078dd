package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StationPartitionsTest {

    private static final TopicPartition P0 = new TopicPartition("status", 0);
    private static final TopicPartition P1 = new TopicPartition("status", 1);
    private static final TopicPartition OTHER_TOPIC_P0 = new TopicPartition("other", 0);

    @Test
    void dropReturnsExactlyTheStationsOfTheDroppedPartitions() {
        StationPartitions stations = new StationPartitions();
        stations.assign("a", P0);
        stations.assign("b", P0);
        stations.assign("c", P1);
        stations.assign("d", OTHER_TOPIC_P0);

        assertEquals(Set.of("a", "b"), stations.drop(List.of(P0)));

        assertNull(stations.partitionOf("a"));
        assertEquals(0, stations.stationsIn(P0));
        assertEquals(P1, stations.partitionOf("c"));
        assertEquals(OTHER_TOPIC_P0, stations.partitionOf("d"), "same partition number, other topic: kept");
        assertEquals(Set.of(), stations.drop(List.of(P0)), "dropped once");
    }

    @Test
    void aStationSeenInAnotherPartitionMovesThere() {
        StationPartitions stations = new StationPartitions();
        stations.assign("a", P0);
        stations.assign("a", P0);
        assertEquals(1, stations.stationsIn(P0));
        stations.assign("a", P1);

        assertEquals(P1, stations.partitionOf("a"));
        assertEquals(0, stations.stationsIn(P0));
        assertEquals(Set.of(), stations.drop(List.of(P0)));
        assertEquals(Set.of("a"), stations.drop(List.of(P1)));
    }

    @Test
    void aRemovedStationIsNotDroppedAgain() {
        StationPartitions stations = new StationPartitions();
        stations.assign("a", P0);
        stations.assign("b", P0);
        stations.remove("a");
        stations.remove("never-held");

        assertEquals(1, stations.stationsIn(P0));
        assertEquals(Set.of("b"), stations.drop(List.of(P0, P1)));
    }
}

package io.velibconnect.source;

import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Connect stores and finds a source offset under the serialized bytes of its partition, so the partition's keys must
 * be serialized in one order in every JVM (Map.of's order changes with each JVM: offsets were then missed after
 * about half of all restarts).
 */
class SourcePartitionTest {

    private static final String URL = "http://127.0.0.1:8000/gbfs.json";

    private static String serialized(Map<String, Object> partition) {
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), true);
        return new String(json.fromConnectData("offsets", null, partition), StandardCharsets.UTF_8);
    }

    @Test
    void aShardsPartitionIsAlwaysSerializedInOneOrder() {
        assertEquals("{\"feed\":\"station_status\",\"shard\":\"7\",\"url\":\"" + URL + "\"}",
                serialized(FeedSystem.partition(URL, FeedKind.STATUS, 7)));
    }

    @Test
    void aShardsKeysComeInTheOrderConnectRebuildsAPartitionIn() {
        Map<String, Object> rebuilt = new java.util.HashMap<>(FeedSystem.partition(URL, FeedKind.STATUS, 7));
        assertEquals(serialized(FeedSystem.partition(URL, FeedKind.STATUS, 7)), serialized(rebuilt));
    }

    @Test
    void shardsWrittenUrlFirstAreStillRead() {
        Map<String, Object> urlFirst = FeedSystem.earlierOrderPartitions(URL).get(8);
        assertEquals("{\"url\":\"" + URL + "\",\"feed\":\"station_status\",\"shard\":\"7\"}",
                serialized(urlFirst));
        assertEquals(FeedSystem.partition(URL, FeedKind.STATUS, 7), urlFirst);
    }

    @Test
    void theEarlierSinglePartitionIsLookedUpInBothOrders() {
        assertEquals("{\"url\":\"" + URL + "\",\"feed\":\"station_information\"}",
                serialized(FeedSystem.partition(URL, FeedKind.INFORMATION)));
        assertEquals("{\"feed\":\"station_information\",\"url\":\"" + URL + "\"}",
                serialized(FeedSystem.earlierOrderPartitions(URL).get(33)));
        assertEquals(FeedSystem.partition(URL, FeedKind.INFORMATION),
                FeedSystem.earlierOrderPartitions(URL).get(33), "equal as maps: one lookup finds either");
    }
}

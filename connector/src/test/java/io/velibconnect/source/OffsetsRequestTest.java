package io.velibconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OffsetsRequestTest {

    private static final String URL = "http://127.0.0.1:8000/gbfs.json";

    private static List<String> problems(Map<String, ?> partition, Map<String, ?> offset) {
        Map<Map<String, ?>, Map<String, ?>> request = new HashMap<>();
        request.put(partition, offset);
        return OffsetsRequest.problems(request);
    }

    private static Map<String, Object> shardOf(String key) {
        return FeedSystem.partition(URL, FeedKind.STATUS, EmittedDigest.shard(key));
    }

    @Test
    void offsetsTheTasksWriteAreAccepted() {
        Map<String, Long> emitted = Map.of("16107", 42L);
        assertEquals(List.of(), problems(shardOf("16107"), EmittedDigest.offset(1734255053000L, emitted)));
        assertEquals(List.of(), problems(FeedSystem.partition(URL, FeedKind.INFORMATION),
                EmittedDigest.offset(-1, Map.of("16107", 1L, "32017", 2L))));
        assertEquals(List.of(), problems(FeedSystem.earlierOrderPartitions(URL).get(0), null));
    }

    @Test
    void nullForgetsAPartition() {
        assertEquals(List.of(), problems(shardOf("16107"), null));
    }

    @Test
    void malformedPartitionsAreRefusedWithTheReason() {
        assertProblem(Map.of("url", "ftp://x", "feed", "station_status"), "'url' must be");
        assertProblem(Map.of("url", URL, "feed", "free_bike_status"), "'feed' must be");
        assertProblem(Map.of("url", URL, "feed", "station_status", "shard", "32"), "'shard' must be");
        assertProblem(Map.of("url", URL, "feed", "station_status", "shard", 3), "'shard' must be");
        assertProblem(Map.of("url", URL, "feed", "station_status", "shard", "03"), "'shard' must be");
        assertProblem(Map.of("url", URL, "feed", "station_status", "system", "x"), "unknown key 'system'");
    }

    private static void assertProblem(Map<String, ?> partition, String expected) {
        List<String> problems = problems(partition, null);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(expected), problems.get(0));
    }

    @Test
    void malformedDigestsAreRefusedWithTheReason() {
        Map<String, Object> partition = shardOf("16107");
        assertDigestProblem(partition, Map.of("last_updated", 1L, "stations", "not base64!"), "not base64");
        assertDigestProblem(partition, Map.of("last_updated", 1L,
                "stations", Base64.getEncoder().encodeToString("plain".getBytes())), "not a digest");
        assertDigestProblem(partition, Map.of("last_updated", "yesterday", "stations", ""), "'last_updated'");
        assertDigestProblem(partition, Map.of("last_updated", 1L), "'stations' must be");
        assertDigestProblem(partition, Map.of("last_updated", 1L, "stations", EmittedDigest.encode(Map.of()),
                "extra", 1), "unknown offset key 'extra'");
        String otherShard = EmittedDigest.encode(Map.of("16107", 1L, "16108", 2L));
        assertDigestProblem(partition, Map.of("last_updated", 1L, "stations", otherShard), "belongs to shard");
    }

    private static void assertDigestProblem(Map<String, ?> partition, Map<String, ?> offset, String expected) {
        List<String> problems = problems(partition, offset);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(expected), problems.get(0));
    }
}

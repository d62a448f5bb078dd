package io.velibconnect.source;

import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sharded digest of the largest feeds: every offset record far under Kafka's 1 MB, and read back exactly. */
class EmittedDigestTest {

    private static final int STATIONS = 150_000;
    /** A quarter of Kafka's default 1 MB record limit (message.max.bytes, max.request.size). */
    private static final int BUDGET = 256 * 1024;

    @Test
    void numericKeys() {
        Map<String, Long> emitted = new HashMap<>();
        Random random = new Random(1);
        for (int i = 0; i < STATIONS; i++) {
            emitted.put(Integer.toString(100_000 + i), random.nextLong());
        }
        assertSmallAndExact(emitted);
    }

    @Test
    void uuidKeys() {
        Map<String, Long> emitted = new HashMap<>();
        Random random = new Random(2);
        for (int i = 0; i < STATIONS; i++) {
            emitted.put(new UUID(random.nextLong(), random.nextLong()).toString(), random.nextLong());
        }
        assertSmallAndExact(emitted);
    }

    /** Serialized as Connect's offset store does: JsonConverter without schemas. */
    private static void assertSmallAndExact(Map<String, Long> emitted) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        Map<String, Long> readBack = new HashMap<>();
        int largest = 0;
        Map<Integer, Map<String, Long>> shards = EmittedDigest.split(emitted);
        assertEquals(EmittedDigest.SHARDS, shards.size());
        for (Map.Entry<Integer, Map<String, Long>> shard : shards.entrySet()) {
            Map<String, Object> offset = EmittedDigest.offset(1_734_255_053_000L, shard.getValue());
            byte[] serialized = converter.fromConnectData("offsets", null, offset);
            largest = Math.max(largest, serialized.length);
            @SuppressWarnings("unchecked")
            Map<String, Object> read = (Map<String, Object>) converter.toConnectData("offsets", serialized).value();
            assertEquals(1_734_255_053_000L, EmittedDigest.lastUpdated(read));
            EmittedDigest.emitted(read).forEach((key, fingerprint) -> {
                assertEquals(shard.getKey(), EmittedDigest.shard(key));
                readBack.put(key, fingerprint);
            });
        }
        System.out.printf("%d stations: largest offset record %d bytes%n", emitted.size(), largest);
        assertTrue(largest < BUDGET, "largest offset record " + largest + " bytes");
        assertEquals(emitted, readBack);
    }
}

package io.velibconnect.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reads {@code velib-projet-final-data} until both seed postcodes carry the totals of the recorded 10:35Z snapshot,
 * then checks every field: 75016 is station 16107 alone, 93200 is station 32017 alone (the filter keeps only them).
 */
final class SeedTotals {

    static final String TOPIC = "velib-projet-final-data";

    private SeedTotals() {
    }

    static Map<String, JsonNode> awaitBothPostcodes(EmbeddedKafkaCluster kafka, Duration timeout) {
        Map<String, JsonNode> latest = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumerAndSubscribeTo(
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), TOPIC)) {
            while (!(isSeed(latest.get("75016"), 8) && isSeed(latest.get("93200"), 12)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        JsonNode totals = payload(record.value());
                        latest.put(totals.path("postcode").asText(), totals);
                    }
                }
            }
        }
        return latest;
    }

    static void assertSeedTotals(Map<String, JsonNode> latest) {
        assertTotals(latest.get("75016"), "Paris", 8, 1, 7, 27, 35);
        assertTotals(latest.get("93200"), "Saint-Denis", 12, 5, 7, 7, 22);
    }

    private static void assertTotals(JsonNode totals, String city, long bikes, long mechanical, long electric,
                                     long docks, long capacity) {
        assertEquals(city, totals.path("city").asText(), () -> "city in " + totals);
        assertEquals(1, totals.path("stations").asInt(), () -> "stations in " + totals);
        assertEquals(bikes, totals.path("total_bikes_available").asLong(), () -> "bikes in " + totals);
        assertEquals(mechanical, totals.path("total_mechanical_bikes").asLong(), () -> "mechanical in " + totals);
        assertEquals(electric, totals.path("total_electric_bikes").asLong(), () -> "electric in " + totals);
        assertEquals(docks, totals.path("total_docks_available").asLong(), () -> "docks in " + totals);
        assertEquals(capacity, totals.path("total_capacity").asLong(), () -> "capacity in " + totals);
    }

    private static boolean isSeed(JsonNode totals, long bikes) {
        return totals != null && totals.path("total_bikes_available").asLong() == bikes;
    }

    /** JsonConverter writes {@code {"schema":…,"payload":…}} when schemas are enabled, the bare value otherwise. */
    static JsonNode payload(byte[] value) {
        try {
            JsonNode node = ProjectFiles.JSON.readTree(value);
            return node.has("payload") && node.has("schema") ? node.get("payload") : node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

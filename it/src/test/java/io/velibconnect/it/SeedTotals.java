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
 * then checks every field: 75016 is station 16107 alone, 93200 is station 32017 alone (the filter keeps only them),
 * each with the capacity the served station_information gives its station.
 */
final class SeedTotals {

    static final String TOPIC = "velib-projet-final-data";

    private final Map<String, Map<String, String>> expected;

    SeedTotals(RecordedFeed feed) {
        expected = Map.of(
                "75016", expected("Paris", 8, 1, 7, 27, feed.capacityOf("16107")),
                "93200", expected("Saint-Denis", 12, 5, 7, 7, feed.capacityOf("32017")));
    }

    Map<String, JsonNode> awaitBothPostcodes(EmbeddedKafkaCluster kafka, Duration timeout) {
        Map<String, JsonNode> latest = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumerAndSubscribeTo(
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), TOPIC)) {
            while (!reached(latest) && System.nanoTime() < deadline) {
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

    /** Whether these latest totals are the expected ones (capacities arrive a little after the counts). */
    boolean reached(Map<String, JsonNode> latest) {
        return expected.equals(fieldsByPostcode(latest));
    }

    void assertSeedTotals(Map<String, JsonNode> latest) {
        assertEquals(expected, fieldsByPostcode(latest));
    }

    private static Map<String, String> expected(String city, long bikes, long mechanical, long electric, long docks,
                                                long capacity) {
        return Map.of("city", city, "stations", "1", "total_bikes_available", Long.toString(bikes),
                "total_mechanical_bikes", Long.toString(mechanical), "total_electric_bikes", Long.toString(electric),
                "total_docks_available", Long.toString(docks), "total_capacity", Long.toString(capacity));
    }

    /** The compared fields of every totals record read so far, by postcode. */
    private Map<String, Map<String, String>> fieldsByPostcode(Map<String, JsonNode> latest) {
        Map<String, Map<String, String>> all = new HashMap<>();
        latest.forEach((postcode, totals) -> {
            Map<String, String> fields = new HashMap<>();
            expected.get("75016").keySet().forEach(name -> fields.put(name, totals.path(name).asText()));
            all.put(postcode, fields);
        });
        return all;
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

package io.velibconnect.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One totals record of {@code velib-projet-final-data}, as the aggregator's JSON value carries it. */
record PostcodeTotals(String postcode, String city, int stations, long bikes, long mechanical, long electric,
                      long docks, long capacity, long timestampMillis, JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** JsonConverter wraps the value in {@code {"schema":…,"payload":…}} when schemas are enabled. */
    static PostcodeTotals parse(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            JsonNode totals = node.has("schema") && node.has("payload") ? node.get("payload") : node;
            return new PostcodeTotals(totals.path("postcode").asText(), totals.path("city").asText(""),
                    totals.path("stations").asInt(), totals.path("total_bikes_available").asLong(),
                    totals.path("total_mechanical_bikes").asLong(), totals.path("total_electric_bikes").asLong(),
                    totals.path("total_docks_available").asLong(), totals.path("total_capacity").asLong(),
                    totals.path("timestamp").asLong(), totals);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.velibconnect.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.velibconnect.aggregate.TotalsRecords;
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
            return new PostcodeTotals(totals.path(TotalsRecords.POSTCODE).asText(), totals.path(TotalsRecords.CITY).asText(""),
                    totals.path(TotalsRecords.STATIONS).asInt(), totals.path(TotalsRecords.TOTAL_BIKES_AVAILABLE).asLong(),
                    totals.path(TotalsRecords.TOTAL_MECHANICAL_BIKES).asLong(), totals.path(TotalsRecords.TOTAL_ELECTRIC_BIKES).asLong(),
                    totals.path(TotalsRecords.TOTAL_DOCKS_AVAILABLE).asLong(), totals.path(TotalsRecords.TOTAL_CAPACITY).asLong(),
                    totals.path(TotalsRecords.TIMESTAMP).asLong(), totals);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

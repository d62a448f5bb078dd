package io.velibconnect.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-group totals computed from scratch, the way the DESIGN defines them, to compare with what the demo
 * printed: each station of one status snapshot is counted once, in the postcode its CSV row gives (the row of its
 * station_id, else of its stationCode), else in {@code unknown}; capacity comes from station_information.
 * Each group's numbers are [stations, bikes, mechanical, electric, docks, capacity].
 */
final class FreshTotals {

    static final String UNKNOWN = "unknown";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FreshTotals() {
    }

    static Map<String, List<Long>> of(String status, String information, Path csv) {
        Map<String, String[]> byId = new HashMap<>();
        Map<String, String[]> byCode = new HashMap<>();
        for (String[] row : rows(csv)) {
            byCode.putIfAbsent(row[0], row);
            byId.putIfAbsent(row[1], row);
        }
        Map<String, Long> capacities = new HashMap<>();
        for (JsonNode station : stations(information)) {
            capacities.put(station.path("station_id").asText(), station.path("capacity").asLong());
        }
        Map<String, long[]> sums = new TreeMap<>();
        for (JsonNode station : stations(status)) {
            String id = station.path("station_id").asText();
            String[] row = byId.getOrDefault(id, byCode.get(station.path("stationCode").asText("")));
            String postcode = row == null || row[2].isEmpty() ? UNKNOWN : row[2];
            long[] sum = sums.computeIfAbsent(postcode, p -> new long[6]);
            sum[0]++;
            sum[1] += station.path("num_bikes_available").asLong();
            sum[2] += bikesOfType(station, "mechanical");
            sum[3] += bikesOfType(station, "ebike");
            sum[4] += station.path("num_docks_available").asLong();
            sum[5] += capacities.getOrDefault(id, 0L);
        }
        Map<String, List<Long>> totals = new TreeMap<>();
        sums.forEach((postcode, sum) -> totals.put(postcode, List.of(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5])));
        return totals;
    }

    /** The same numbers read from the demo's JSON lines (the last record of each postcode). */
    static Map<String, List<Long>> printed(Map<String, JsonNode> lastByPostcode) {
        Map<String, List<Long>> totals = new TreeMap<>();
        lastByPostcode.forEach((postcode, t) -> totals.put(postcode, List.of(t.path("stations").asLong(),
                t.path("total_bikes_available").asLong(), t.path("total_mechanical_bikes").asLong(),
                t.path("total_electric_bikes").asLong(), t.path("total_docks_available").asLong(),
                t.path("total_capacity").asLong())));
        return totals;
    }

    /** The rows of a {@code stationCode,station_id,postcode,city} file, each cell stripped. */
    private static List<String[]> rows(Path csv) {
        try {
            return Files.readAllLines(csv, StandardCharsets.UTF_8).stream().skip(1)
                    .map(line -> Arrays.stream(line.split(",", -1)).map(String::strip).toArray(String[]::new))
                    .filter(cells -> cells.length == 4)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Vélib' lists its bike types as {@code [{"mechanical":n},{"ebike":m}]}; other feeds have none. */
    private static long bikesOfType(JsonNode station, String type) {
        long bikes = 0;
        for (JsonNode entry : station.path("num_bikes_available_types")) {
            bikes += entry.path(type).asLong();
        }
        return bikes;
    }

    private static Iterable<JsonNode> stations(String document) {
        try {
            return JSON.readTree(document).path("data").path("stations");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.velibconnect.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code velib-connect demo --replay --output json --exit-after-idle …} offline: a real broker and worker in this JVM
 * replaying the shipped snapshots; the last totals are those of the last snapshot (17:51Z): station 16107 alone in
 * 75016 with 11 bikes (2 mechanical, 9 electric) and 24 docks, station 32017 alone in 93200 with 8 (5, 3) and 9.
 */
class DemoIT {

    @TempDir
    Path runDir;

    @Test
    void replayedDemoPrintsTheSeedPostcodesTotalsAndExitsWhenIdle() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"demo", "--replay", "--replay-step", "3", "--output", "json",
                        "--exit-after-idle", "12", "--run-dir", runDir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String progress = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, progress);
        Map<String, JsonNode> last = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            JsonNode totals = json.readTree(line);
            last.put(totals.get("postcode").asText(), totals);
        }
        assertEquals(java.util.Set.of("75016", "93200"), last.keySet(), out::toString);
        assertTotals(last.get("75016"), "Paris", 11, 2, 9, 24);
        assertTotals(last.get("93200"), "Saint-Denis", 8, 5, 3, 9);
        assertTrue(progress.contains("Replaying the recorded Vélib' snapshots"), progress);
        assertTrue(Files.size(runDir.resolve("kafka.log")) > 0, "Kafka's logs went to the run dir's kafka.log");
    }

    private static void assertTotals(JsonNode totals, String city, long bikes, long mechanical, long electric,
                                     long docks) {
        assertEquals(city, totals.get("city").asText(), totals::toString);
        assertEquals(1, totals.get("stations").asInt(), totals::toString);
        assertEquals(bikes, totals.get("total_bikes_available").asLong(), totals::toString);
        assertEquals(mechanical, totals.get("total_mechanical_bikes").asLong(), totals::toString);
        assertEquals(electric, totals.get("total_electric_bikes").asLong(), totals::toString);
        assertEquals(docks, totals.get("total_docks_available").asLong(), totals::toString);
    }
}

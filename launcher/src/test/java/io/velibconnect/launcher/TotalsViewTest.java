package io.velibconnect.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the demo prints for the totals it reads, without Kafka: the values are shaped as the aggregator writes them
 * through JsonConverter with schemas ({@code {"schema":…,"payload":…}}), the numbers those of the 17:51Z snapshot.
 */
class TotalsViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CHANGED = Instant.parse("2024-12-15T17:51:33Z").toEpochMilli();
    private static final String FOOTER = "feed: test   Kafka logs: /tmp/run/kafka.log   Ctrl-C stops";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private TotalsView view(DemoOptions.Output output) {
        return view(output, List.of());
    }

    private TotalsView view(DemoOptions.Output output, List<String> header) {
        return new TotalsView("unused:9092", Demo.TOTALS_TOPIC, output,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                header, FOOTER, Clock.systemUTC());
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tableHasAHeaderOneSortedRowPerPostcodeAndTheNetworkTotal() {
        TotalsView view = view(DemoOptions.Output.TABLE);
        assertTrue(view.apply("93200", withSchema(totals("93200", "Saint-Denis", 1, 8, 5, 3, 9, 22))));
        assertTrue(view.apply("75016", withSchema(totals("75016", "Paris", 1, 11, 2, 9, 24, 35))));
        assertEquals("", printed(), "nothing is drawn before redraw");
        view.redraw();

        String changed = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault())
                .format(Instant.ofEpochMilli(CHANGED));
        List<String> lines = printed().lines().toList();
        assertEquals(List.of(
                TotalsTable.CLEAR_SCREEN + "postcode city                     stations  bikes mechanical  electric  docks  capacity  changed",
                "75016    Paris                           1     11          2         9     24        35  " + changed,
                "93200    Saint-Denis                     1      8          5         3      9        22  " + changed,
                "all      2 groups                        2     19          7        12     33        57  ",
                "",
                FOOTER), lines);
    }

    @Test
    void startUpLinesStayAboveTheTableAndTheEndOfTheReplayBelowIt() {
        List<String> startUp = List.of("The live Vélib' feed cannot be reached (cannot resolve host x):",
                "  replaying the recorded snapshots of 2024-12-15 that ship with velib-connect instead.");
        TotalsView view = view(DemoOptions.Output.TABLE, startUp);
        view.apply("75016", withSchema(totals("75016", "Paris", 1, 11, 2, 9, 24, 35)));
        view.redraw();
        List<String> first = printed().lines().toList();
        assertEquals(TotalsTable.CLEAR_SCREEN + startUp.get(0), first.get(0));
        assertEquals(startUp.get(1), first.get(1));
        assertEquals("", first.get(2));
        assertTrue(first.get(3).startsWith("postcode city"), first.get(3));

        out.reset();
        view.announce("Replay finished: 6 snapshots; totals are final.");
        List<String> last = printed().lines().toList();
        assertEquals(startUp.get(0), last.get(0).replace(TotalsTable.CLEAR_SCREEN, ""), "redrawn whole");
        assertEquals(List.of("Replay finished: 6 snapshots; totals are final.", FOOTER),
                last.subList(last.size() - 2, last.size()));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void inJsonModeTheEndOfTheReplayGoesToStderr() {
        TotalsView view = view(DemoOptions.Output.JSON);
        view.announce("Replay finished: 6 snapshots; totals are final.");
        assertEquals("", printed(), "stdout holds only JSON lines");
        assertEquals("Replay finished: 6 snapshots; totals are final." + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tombstoneRemovesItsPostcodeAndLongCitiesAreCut() {
        TotalsView view = view(DemoOptions.Output.TABLE);
        view.apply("75016", withSchema(totals("75016", "Paris", 1, 11, 2, 9, 24, 35)));
        view.apply("92130", withSchema(totals("92130", "Issy-les-Moulineaux-sur-Seine", 4, 30, 10, 20, 50, 80)));
        assertTrue(view.apply("\"75016\"", null), "a JsonConverter-quoted key still names the postcode");
        assertFalse(view.apply("75016", null), "a second tombstone changes nothing");
        view.redraw();

        String table = printed();
        assertFalse(table.contains("75016"), table);
        assertTrue(table.contains("92130    Issy-les-Moulineaux-sur…        4     30"), table);
        assertTrue(table.contains("all      1 groups                        4     30         10        20     50        80"),
                table);
    }

    @Test
    void jsonOutputIsOnePayloadPerLineAsItArrives() {
        TotalsView view = view(DemoOptions.Output.JSON);
        ObjectNode paris = totals("75016", "Paris", 1, 11, 2, 9, 24, 35);
        ObjectNode saintDenis = totals("93200", "Saint-Denis", 1, 8, 5, 3, 9, 22);
        view.apply("75016", withSchema(paris));
        view.apply("93200", saintDenis.toString());
        view.apply("93200", null);
        view.redraw();

        List<String> lines = printed().lines().toList();
        assertEquals(2, lines.size(), printed());
        assertEquals(paris.toString(), lines.get(0), "the schema envelope is dropped");
        assertEquals(saintDenis.toString(), lines.get(1), "a schemaless value is printed as it is");
        assertFalse(printed().contains(TotalsTable.CLEAR_SCREEN), "no table in JSON mode");
    }

    private static ObjectNode totals(String postcode, String city, int stations, long bikes, long mechanical,
                                     long electric, long docks, long capacity) {
        return JSON.createObjectNode().put("timestamp", CHANGED).put("postcode", postcode).put("city", city)
                .put("stations", stations).put("total_bikes_available", bikes)
                .put("total_mechanical_bikes", mechanical).put("total_electric_bikes", electric)
                .put("total_docks_available", docks).put("total_capacity", capacity)
                .put("last_reported", CHANGED);
    }

    private static String withSchema(ObjectNode payload) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.putObject("schema").put("type", "struct").put("name", "velib.Totals");
        envelope.set("payload", payload);
        return envelope.toString();
    }
}

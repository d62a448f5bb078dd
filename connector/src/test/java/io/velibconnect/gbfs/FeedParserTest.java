package io.velibconnect.gbfs;

import io.velibconnect.source.StationRecords;
import io.velibconnect.records.StationSchemas;
import io.velibconnect.testing.TestData;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedParserTest {

    private final FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);

    /** Every recorded station feed, paired with the station count and envelope time its SOURCES.md table gives. */
    static Stream<Path> recordedStationFeeds() throws IOException {
        return Stream.of("velib", "other-systems", "gbfs-json-schema/examples")
                .flatMap(dir -> {
                    try {
                        return Files.walk(TestData.dir(dir));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(p -> p.getFileName().toString().matches("station_(status|information).*\\.json"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("recordedStationFeeds")
    void everyRecordedFeedParsesWithTheCountAndTimeOfItsSourcesTable(Path file) throws Exception {
        SourcesRow row = SourcesRow.of(file);
        byte[] body = Files.readAllBytes(file);
        FeedSnapshot<?> snapshot = file.getFileName().toString().startsWith("station_status")
                ? parser.parseStatus(body) : parser.parseInformation(body);

        assertEquals(List.of(), snapshot.rejections(), file + ": no station rejected");
        assertEquals(row.stations(), snapshot.stations().size(), file + ": station count of SOURCES.md");
        assertEquals(row.lastUpdated(), snapshot.lastUpdated(), file + ": envelope time of SOURCES.md");
    }

    @Test
    void velibStatusKeepsLargeIdsCodesAndSplitsBikeTypes() throws Exception {
        FeedSnapshot<StationStatus> snapshot = parser.parseStatus(TestData.bytes(
                "velib/2024-12-15_InfoFlower-timeseries/station_status_2024-12-15T1035Z.json"));
        List<StationStatus> stations = snapshot.stations();

        assertEquals(1486, stations.size());
        assertEquals(3600, snapshot.ttlSeconds());
        assertEquals(17768, stations.stream().mapToInt(StationStatus::numBikesAvailable).sum(), "SOURCES.md sum");
        assertEquals(174, stations.stream().filter(s -> Long.parseLong(s.stationId()) > Integer.MAX_VALUE).count(),
                "ids beyond int32 kept as their digits");
        assertTrue(stations.stream().anyMatch(s -> s.stationId().equals("19495480499")), "max id of SOURCES.md");
        assertTrue(stations.stream().allMatch(s -> s.mechanical() + s.ebike() == s.numBikesAvailable()),
                "mechanical + ebike = num_bikes_available in every station");
        assertEquals(28, stations.stream().filter(s -> !s.isInstalled()).count());
        assertEquals(54, stations.stream().filter(s -> !s.isRenting()).count());
        assertEquals(54, stations.stream().filter(s -> !s.isReturning()).count());

        StationStatus first = stations.get(0);
        assertEquals(new StationStatus("213688169", "16107", 8, 1, 7, 27, true, true, true,
                Instant.ofEpochSecond(1734255053), Instant.ofEpochSecond(1734258950)), first);
        assertEquals("16107", first.key());
    }

    @Test
    void velibRelaisCodesAreKeptVerbatimAsKeys() throws Exception {
        List<StationStatus> stations = parser.parseStatus(
                TestData.bytes("velib/2022-02_samhrrl/station_status.json")).stations();

        List<String> relais = stations.stream().map(StationStatus::key)
                .filter(key -> key.toLowerCase().endsWith("_relais")).sorted().toList();
        assertEquals(List.of("10114_relais", "11029_relais", "11102_relais", "13044_Relais", "13118_Relais",
                "31024_relais", "5026_Relais", "7101_Relais"), relais);
    }

    @Test
    void velibInformationHasCodesCapacitiesAndCoordinates() throws Exception {
        FeedSnapshot<StationInformation> snapshot = parser.parseInformation(TestData.bytes(
                "velib/2024-12-15_InfoFlower-timeseries/station_information_2024-12-15T1751Z.json"));

        assertEquals(12, snapshot.stations().stream().filter(s -> s.capacity() == 0).count(), "SOURCES.md: 12");
        assertEquals(new StationInformation("213688169", "16107", "Benjamin Godard - Victor Hugo", 48.865983,
                2.275725, 35, null, null, null, Instant.ofEpochSecond(1734285093)), snapshot.stations().get(0));
    }

    @Test
    void bicingTypesAreAnObjectAndIdsAndPostcodesAreNumbers() throws Exception {
        StationStatus first = parser.parseStatus(TestData.bytes(
                "other-systems/bicing/station_status_2022-05-06T2109Z.json")).stations().get(0);
        assertEquals("1", first.stationId());
        assertNull(first.stationCode());
        assertEquals("1", first.key());
        assertEquals(11, first.numBikesAvailable());
        assertEquals(6, first.mechanical());
        assertEquals(5, first.ebike());

        List<StationInformation> info = parser.parseInformation(
                TestData.bytes("other-systems/bicing/station_information.json")).stations();
        assertEquals("08013", info.get(0).postCode());
        assertTrue(info.stream().allMatch(s -> s.postCode() != null), "numeric post codes read as strings");
    }

    @Test
    void lyftAndPbscCountEbikesInsideBikes() throws Exception {
        StationStatus bixi = parser.parseStatus(TestData.bytes(
                "other-systems/bixi/station_status_2025-05-18T1445Z.json")).stations().get(0);
        assertEquals(7, bixi.numBikesAvailable());
        assertEquals(2, bixi.ebike());
        assertEquals(5, bixi.mechanical());
    }

    @Test
    void gbfs23VehicleTypesBooleansAndMissingDocks() throws Exception {
        List<StationStatus> oslo = parser.parseStatus(TestData.bytes(
                "other-systems/oslo-bysykkel/status-later_2.3/station_status_2024-11-30T2342Z.json")).stations();
        assertTrue(oslo.stream().allMatch(s -> s.mechanical() + s.ebike() == s.numBikesAvailable()));
        assertEquals(1314, oslo.stream().mapToInt(StationStatus::mechanical).sum());

        FeedSnapshot<StationStatus> velospot = parser.parseStatus(TestData.bytes(
                "other-systems/velospot-sharedmobility-ch/station_status.json"));
        assertTrue(velospot.stations().stream().allMatch(s -> s.numDocksAvailable() == null), "virtual stations");
        assertEquals(4958, velospot.stations().stream().mapToInt(StationStatus::ebike).sum());
        assertEquals(2301, velospot.stations().stream().mapToInt(StationStatus::mechanical).sum(),
                "mbike only: escooter and hbike are neither");
    }

    @Test
    void gbfs30TimesAreRfc3339AndNamesLocalized() throws Exception {
        FeedSnapshot<StationStatus> status = parser.parseStatus(
                TestData.bytes("gbfs-json-schema/examples/3.0/station_status.json"));
        StationStatus station = status.stations().get(0);
        assertEquals(Instant.parse("2019-07-04T13:33:03.969Z"), station.lastReported());
        assertEquals(0, station.numBikesAvailable(), "num_vehicles_available");
        assertEquals(0, station.ebike(), "ebicycle_paris");

        StationInformation info = parser.parseInformation(
                TestData.bytes("gbfs-json-schema/examples/3.0/station_information.json")).stations().get(0);
        assertEquals("2 ROUES", info.name());
    }

    @Test
    void aBadStationIsRejectedWithItsIdAndTheOthersKept() throws Exception {
        String body = """
                {"last_updated": 1700000000, "ttl": 60, "data": {"stations": [
                  {"station_id": "a", "num_bikes_available": 3, "num_docks_available": 2, "is_renting": 1},
                  {"station_id": "b", "num_docks_available": 2},
                  {"station_id": "c", "num_bikes_available": "many"},
                  {"station_id": "d", "num_bikes_available": 1, "is_renting": "yes"},
                  {"station_id": 12345678901, "num_bikes_available": 1, "last_reported": "yesterday"},
                  "not a station",
                  {"num_bikes_available": 1},
                  {"station_id": "a", "num_bikes_available": 9},
                  {"station_id": "e", "num_bikes_available": 4, "num_bikes_available_types": [{"mechanical": "x"}]},
                  {"station_id": "f", "num_bikes_available": 0}
                ]}}""";

        FeedSnapshot<StationStatus> snapshot = parser.parseStatus(body.getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("a", "f"), snapshot.stations().stream().map(StationStatus::stationId).toList());
        Map<String, String> reasons = snapshot.rejections().stream()
                .collect(Collectors.toMap(Rejection::stationId, Rejection::reason));
        assertEquals("num_bikes_available missing", reasons.get("b"));
        assertEquals("num_bikes_available not an integer: \"many\"", reasons.get("c"));
        assertEquals("is_renting not a boolean or 0/1: \"yes\"", reasons.get("d"));
        assertEquals("last_reported not an RFC 3339 time: \"yesterday\"", reasons.get("12345678901"));
        assertTrue(reasons.get("#5").startsWith("station is not a JSON object"));
        assertEquals("station_id missing", reasons.get("#6"));
        assertEquals("duplicate station key a", reasons.get("a"));
        assertEquals("num_bikes_available_types.mechanical not an integer: \"x\"", reasons.get("e"));
    }

    @Test
    void aBodyThatCannotBeUsedIsAFeedException() {
        byte[] recorded = TestData.bytes("velib/2025-10_dariusbengo/station_status.json");
        byte[] truncated = java.util.Arrays.copyOf(recorded, recorded.length / 2);

        assertTrue(message(truncated).startsWith("malformed JSON"), message(truncated));
        assertTrue(message("<html>502 Bad Gateway</html>".getBytes()).startsWith("malformed JSON"));
        assertEquals("no data.stations list", message("{\"last_updated\": 1, \"data\": {}}".getBytes()));
        assertEquals("envelope has no last_updated (nor Vélib's lastUpdatedOther)",
                message("{\"data\": {\"stations\": []}}".getBytes()));
        assertEquals("body is not a JSON object", message("[]".getBytes()));
    }

    @Test
    void aStationWhoseFieldsNoRecordCanHoldIsRejectedAloneAndTheOthersKept() throws Exception {
        String longCode = "7".repeat(70_000);
        String body = """
                {"last_updated": 1700000000, "data": {"stations": [
                  {"station_id": "a", "num_bikes_available": 3},
                  {"station_id": "b", "stationCode": "%s", "num_bikes_available": 1},
                  {"station_id": "%s", "num_bikes_available": 1},
                  {"station_id": "c", "num_bikes_available": 1, "last_reported": 1e16},
                  {"station_id": "d", "num_bikes_available": 1, "last_reported": -1},
                  {"station_id": "e", "num_bikes_available": 1, "last_reported": 18446744073709551617},
                  {"station_id": "f", "num_bikes_available": 1, "last_reported": 1700000000.5},
                  {"station_id": "g", "num_bikes_available": -1},
                  {"station_id": "h", "num_bikes_available": 3000000000},
                  {"station_id": "i", "num_bikes_available": 1, "num_docks_available": -2},
                  {"station_id": "j", "num_bikes_available": 1, "num_bikes_available_types": [{"ebike": -1}]},
                  {"station_id": "k", "num_bikes_available": 1,
                   "num_bikes_available_types": [{"ebike": 2147483647}, {"ebike": 1}]},
                  {"station_id": "k2", "num_bikes_available": 1,
                   "num_bikes_available_types": [{"mechanical": 2147483647}, {"ebike": 1}]},
                  {"station_id": "l", "num_bikes_available": 1, "last_reported": "+10000-01-01T00:00:00Z"},
                  {"station_id": "l\\n2", "num_bikes_available": "x"},
                  {"station_id": "m", "num_bikes_available": 1, "last_reported": 1%s},
                  {"station_id": "z", "num_bikes_available": 4, "last_reported": 0}
                ]}}""".formatted(longCode, longCode, "0".repeat(500));

        FeedSnapshot<StationStatus> snapshot = parser.parseStatus(body.getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("a", "z"), snapshot.stations().stream().map(StationStatus::stationId).toList());
        Map<String, String> reasons = snapshot.rejections().stream()
                .collect(Collectors.toMap(Rejection::stationId, Rejection::reason));
        assertEquals(15, reasons.size(), reasons.toString());
        assertEquals("stationCode is a string of 70000 characters, more than 1000", reasons.get("b"));
        assertNull(snapshot.rejections().get(0).key(), "a key no station can have matches no emitted station");
        assertEquals("station_id is a string of 70000 characters, more than 1000", reasons.get("#2"));
        assertEquals("last_reported outside 1970 to 9999: 1.0E16", reasons.get("c"));
        assertEquals("last_reported outside 1970 to 9999: -1", reasons.get("d"));
        assertEquals("last_reported outside 1970 to 9999: 18446744073709551617", reasons.get("e"));
        assertEquals("last_reported not whole POSIX seconds: 1.7000000005E9", reasons.get("f"));
        assertEquals("num_bikes_available not a count from 0 to 2147483647: -1", reasons.get("g"));
        assertEquals("num_bikes_available not a count from 0 to 2147483647: 3000000000", reasons.get("h"));
        assertEquals("num_docks_available not a count from 0 to 2147483647: -2", reasons.get("i"));
        assertEquals("num_bikes_available_types.ebike not a count from 0 to 2147483647: -1", reasons.get("j"));
        assertEquals("num_bikes_available_types counts add up to more than 2147483647", reasons.get("k"));
        assertEquals("num_bikes_available_types mechanical and ebike add up to more than 2147483647",
                reasons.get("k2"));
        assertEquals("last_reported outside 1970 to 9999: \"+10000-01-01T00:00:00Z\"", reasons.get("l"));
        assertEquals("num_bikes_available not an integer: \"x\"", reasons.get("l\\n2"), "the id escaped");
        assertEquals("last_reported is a number of 501 characters", reasons.get("m"));

        String code = "x".repeat(FeedLimits.MAX_KEY_LENGTH + 1);
        FeedSnapshot<StationStatus> longKey = parser.parseStatus(("{\"last_updated\": 1, \"data\": {\"stations\": "
                + "[{\"station_id\": \"a\", \"stationCode\": \"" + code + "\", \"num_bikes_available\": 1}]}}").getBytes());
        assertEquals(List.of(new Rejection("a", null, "stationCode is a string of 257 characters, more than 256")),
                longKey.rejections());
    }

    @Test
    void aNameOrAddressLongerThanTheTextLimitRejectsItsStationOnly() throws Exception {
        FeedParser limited = new FeedParser("en", new FeedLimits(FeedLimits.DEFAULT_MAX_STATIONS_PER_FEED, 10));
        String body = """
                {"data": {"stations": [
                  {"station_id": "a", "name": "0123456789", "lat": 1, "lon": 2},
                  {"station_id": "b", "name": "0123456789+", "lat": 1, "lon": 2},
                  {"station_id": "c", "name": "ok", "address": "%s", "lat": 1, "lon": 2},
                  {"station_id": "d", "name": [{"text": "0123456789+", "language": "en"}], "lat": 1, "lon": 2}
                ]}, "last_updated": 1700000000}""".formatted("x".repeat(19_000_000));

        FeedSnapshot<StationInformation> snapshot = limited.parseInformation(body.getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("a"), snapshot.stations().stream().map(StationInformation::stationId).toList());
        assertEquals(Instant.ofEpochSecond(1700000000), snapshot.stations().get(0).lastUpdated(),
                "data before last_updated: stamped with the envelope time read after it");
        Map<String, String> reasons = snapshot.rejections().stream()
                .collect(Collectors.toMap(Rejection::stationId, Rejection::reason));
        assertEquals(Map.of("b", "name is a string of 11 characters, more than 10",
                "c", "address is a string of 19000000 characters, more than 10",
                "d", "name is a string of 11 characters, more than 10"), reasons);
    }

    @Test
    void aStationTooLargeToHoldIsRejectedAloneWithoutBeingKept() throws Exception {
        String body = "{\"last_updated\": 1, \"data\": {\"stations\": [{\"station_id\": \"a\", \"junk\": ["
                + "{},".repeat(300_000) + "{}], \"num_bikes_available\": 1}, {\"station_id\": \"b\", "
                + "\"num_bikes_available\": 2}]}}";

        FeedSnapshot<StationStatus> snapshot = parser.parseStatus(body.getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("b"), snapshot.stations().stream().map(StationStatus::stationId).toList());
        assertEquals(List.of(new Rejection("#0", null,
                "station is a JSON value of more than 200000 values and characters")), snapshot.rejections());
    }

    @Test
    void aFeedOfMoreStationsThanTheCapIsRefusedNamingTheSetting() throws Exception {
        FeedParser capped = new FeedParser("en", new FeedLimits(3, FeedLimits.DEFAULT_MAX_TEXT_LENGTH));
        String three = "{\"last_updated\": 1, \"data\": {\"stations\": [{}, {}, {}]}}";
        String four = "{\"last_updated\": 1, \"data\": {\"stations\": [{}, {}, {}, {}]}}";

        assertEquals(3, capped.parseStatus(three.getBytes()).rejections().size());
        FeedException refused = assertThrows(FeedException.class, () -> capped.parseStatus(four.getBytes()));
        assertEquals("data.stations lists more than 3 stations; raise max.stations.per.feed if the system really "
                + "has that many", refused.getMessage());
    }

    @Test
    void anEnvelopeThatCannotBeUsedFailsTheSnapshot() {
        String good = "{\"last_updated\": 1, \"data\": {\"stations\": []}}";
        assertEquals("content after the JSON document, at byte 46", message((good + " {}").getBytes()));
        assertTrue(message((good + " garbage").getBytes()).startsWith("malformed JSON"));
        assertEquals("envelope last_updated outside 1970 to 9999: 36893488147419103232",
                message("{\"last_updated\": 36893488147419103232, \"data\": {\"stations\": []}}".getBytes()));
        assertEquals("envelope last_updated not a time: true",
                message("{\"last_updated\": true, \"data\": {\"stations\": []}}".getBytes()));
        assertEquals("envelope last_updated not an RFC 3339 time: \"soon\"",
                message("{\"last_updated\": \"soon\", \"data\": {\"stations\": []}}".getBytes()));
    }

    @Test
    void structsFollowTheStationSchemas() throws Exception {
        StationStatus station = parser.parseStatus(TestData.bytes(
                "velib/2024-12-15_InfoFlower-timeseries/station_status_2024-12-15T1035Z.json")).stations().get(0);
        Struct status = StationRecords.status(station, "Paris");
        status.validate();
        assertEquals(StationSchemas.STATUS, status.schema());
        assertEquals("16107", status.getString(StationSchemas.STATION_CODE));
        assertEquals(7, status.getInt32(StationSchemas.EBIKE));
        assertEquals(true, status.getBoolean(StationSchemas.IS_RENTING));
        assertEquals(new java.util.Date(1734255053000L), status.get(StationSchemas.LAST_REPORTED));
        assertEquals("Paris", status.getString(StationSchemas.SYSTEM_ID));

        StationInformation info = parser.parseInformation(
                TestData.bytes("other-systems/velospot-sharedmobility-ch/station_information.json")).stations().get(0);
        Struct information = StationRecords.information(info, "velospot");
        information.validate();
        assertEquals("2300", information.getString(StationSchemas.POST_CODE));
        assertEquals("9", information.getString(StationSchemas.REGION_ID));
    }

    private String message(byte[] body) {
        return assertThrows(FeedException.class, () -> parser.parseStatus(body)).getMessage();
    }

    /** The row of a file in the SOURCES.md of its folder (or of a parent folder whose table names it). */
    record SourcesRow(int stations, Instant lastUpdated) {

        static SourcesRow of(Path file) throws IOException {
            for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
                Path sources = dir.resolve("SOURCES.md");
                if (Files.exists(sources)) {
                    String relative = dir.relativize(file).toString();
                    Optional<SourcesRow> row = Files.readAllLines(sources).stream()
                            .filter(line -> line.startsWith("| " + relative + " |"))
                            .findFirst().map(SourcesRow::parse);
                    if (row.isPresent()) {
                        return row.get();
                    }
                }
            }
            throw new AssertionError("no SOURCES.md row names " + file);
        }

        private static SourcesRow parse(String line) {
            List<String> cells = Stream.of(line.split("\\|")).map(String::trim).toList();
            String time = cells.get(6).replaceFirst("^[A-Za-z_]+: ", "").replaceFirst(" .*", "");
            Function<String, Instant> instant = t -> t.matches("\\d+") ? Instant.ofEpochSecond(Long.parseLong(t))
                    : Instant.parse(t);
            return new SourcesRow(Integer.parseInt(cells.get(7)), instant.apply(time));
        }
    }
}

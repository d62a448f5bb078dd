package io.velibconnect.gbfs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.velibconnect.testing.BuiltFeeds;
import io.velibconnect.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the recorded feeds, and the bodies tests build from them, against MobilityData's official GBFS JSON
 * schemas (testdata/gbfs-json-schema). A violation reads {@code <instance path> <keyword>: <detail>}; in a tally
 * station indexes are folded to {@code [*]} and each distinct violation is counted.
 */
class GbfsSchemaConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory DRAFT_07 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final SchemaValidatorsConfig ENGLISH_JSON_PATHS =
            SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).pathType(PathType.JSON_PATH).build();
    private static final String VELIB_SERIES = "velib/2024-12-15_InfoFlower-timeseries/";

    private static final String NO_LAST_UPDATED = "$ required: required property 'last_updated' not found";
    private static final String INTEGER_STATION_ID = "$.data.stations[*].station_id type: integer found, string expected";

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"2.3, gbfs", "2.3, station_information", "2.3, station_status",
            "3.0, gbfs", "3.0, station_information", "3.0, station_status"})
    void mobilityDataExamplesPassTheirVersionsSchemas(String version, String feed) {
        assertEquals(Map.of(), tally(version, feed, TestData.bytes("gbfs-json-schema/examples/" + version + "/"
                + feed + ".json")));
    }

    @Test
    void osloAndVelospotInformationPassTheSchemaOfTheVersionTheyDeclare() {
        assertEquals(Map.of(), tally("2.2", "station_information",
                TestData.bytes("other-systems/oslo-bysykkel/station_information.json")));
        assertEquals(Map.of(), tally("2.3", "station_information",
                TestData.bytes("other-systems/velospot-sharedmobility-ch/station_information.json")));
    }

    @Test
    void osloAndVelospot23StatusPassThe23Schema() {
        List<String> files = List.of("oslo-bysykkel/status-later_2.3/station_status_2024-11-30T2342Z.json",
                "oslo-bysykkel/status-later_2.3/station_status_2025-04-01T0012Z.json",
                "velospot-sharedmobility-ch/station_status.json");
        for (String file : files) {
            assertEquals(Map.of(), tally("2.3", "station_status", TestData.bytes("other-systems/" + file)), file);
        }
    }

    /** Oslo declares 2.2 but sends is_* as 0/1 integers, which 2.x types as boolean (1.x accepted numbers). */
    @Test
    void oslo22StatusSendsIntegerFlagsWhereItsDeclaredSchemaWantsBooleans() throws IOException {
        List<Path> files = recorded("other-systems/oslo-bysykkel", "status-2022-.*/station_status_.*\\.json");
        assertEquals(15, files.size(), "1 status of 2022-10-23 + 14 of the 2022-10-24 series");
        for (Path file : files) {
            assertEquals(Map.of(
                    "$.data.stations[*].is_installed type: integer found, boolean expected", 260L,
                    "$.data.stations[*].is_renting type: integer found, boolean expected", 260L,
                    "$.data.stations[*].is_returning type: integer found, boolean expected", 260L),
                    tally("2.2", "station_status", Files.readAllBytes(file)), file.toString());
        }
    }

    /**
     * The documented Vélib' deviations from GBFS 1.0 (testdata/SOURCES.md, testdata/gbfs-json-schema/SOURCES.md): the
     * envelope has lastUpdatedOther instead of last_updated, and station_id is a JSON integer. Nothing else: the
     * Smoove extras (stationCode, numBikesAvailable, num_bikes_available_types, ...) are allowed by the 1.0 schemas,
     * 0/1 is_* flags are numbers as 1.0 permits, and ttl is present.
     */
    @Test
    void everyVelibStationFileDeviatesFrom10InExactlyTheDocumentedWays() throws IOException {
        List<Path> files = recorded("velib", ".*station_(status|information).*\\.json");
        assertEquals(23, files.size(), "15 status + 8 information files recorded as JSON");
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            String feed = file.getFileName().toString().startsWith("station_status")
                    ? "station_status" : "station_information";
            assertEquals(velibDeviations(JSON.readTree(body).path("data").path("stations").size()),
                    tally("1.0", feed, body), file.toString());
        }
        assertEquals(velibDeviations(1486), tally("1.0", "station_status",
                TestData.bytes(VELIB_SERIES + "station_status_2024-12-15T1319Z.json")), "SOURCES.md: 1486");
    }

    @Test
    void velibDiscoveryLacksOnlyLastUpdated() {
        assertEquals(Map.of(NO_LAST_UPDATED, 1L), tally("1.0", "gbfs", TestData.bytes(VELIB_SERIES + "gbfs.json")));
    }

    /** RecordedVelibServer's gbfs.json: every feed now points at the mock server, and no new violation appears. */
    @Test
    void theRewrittenDiscoveryIsAsValidAsTheRecordedOne() throws IOException {
        String base = "http://localhost:4711/velib/";
        byte[] recorded = TestData.bytes(VELIB_SERIES + "gbfs.json");
        byte[] built = BuiltFeeds.velibDiscoveryServedFrom(recorded, base);

        assertEquals(violations("1.0", "gbfs", recorded), violations("1.0", "gbfs", built));
        List<String> urls = JSON.readTree(built).path("data").path("en").path("feeds").findValuesAsText("url");
        assertEquals(4, urls.size(), "gbfs, system_information, station_information, station_status");
        assertTrue(urls.stream().allMatch(url -> url.startsWith(base)), urls.toString());
    }

    /** VelibSourceConnectorIT's broken snapshot: one type violation at station 16107's count, nothing else new. */
    @Test
    void theBrokenStationSnapshotBreaksExactlyOneCountOfStation16107() throws IOException {
        byte[] recorded = TestData.bytes(VELIB_SERIES + "station_status_2024-12-15T1319Z.json");
        byte[] built = BuiltFeeds.firstBikeCountAsText(recorded);

        List<String> before = violations("1.0", "station_status", recorded);
        List<String> after = violations("1.0", "station_status", built);
        assertEquals(List.of("$.data.stations[0].num_bikes_available type: string found, integer expected"),
                minus(after, before));
        assertEquals(List.of(), minus(before, after));
        assertEquals("16107", JSON.readTree(built).path("data").path("stations").path(0).path("stationCode").asText());
    }

    /** VelibSourceConnectorIT's snapshots with three stations removed: fewer stations, no new violation. */
    @Test
    void theSnapshotsWithoutTheFirstStationsAreAsValidAsTheRecordedOnes() throws IOException {
        for (String file : List.of("station_status_2024-12-15T1453Z.json", "station_information_2024-12-15T1751Z.json")) {
            byte[] built = BuiltFeeds.velibWithoutStations(TestData.bytes(VELIB_SERIES + file),
                    java.util.Set.of("16107", "44015", "9020"), 60);
            assertEquals(velibDeviations(1483), tally("1.0", file.substring(0, file.indexOf("_2024")), built), file);
            assertEquals(JSON.readTree(TestData.bytes(VELIB_SERIES + file)).path("lastUpdatedOther").asLong() + 60,
                    JSON.readTree(built).path("lastUpdatedOther").asLong());
        }
    }

    /** VelibSourceConnectorIT's envelope without stations: a Vélib' envelope whose only new fault is data.stations. */
    @Test
    void theEnvelopeWithoutStationsLacksExactlyTheStationsList() {
        assertEquals(Map.of(NO_LAST_UPDATED, 1L, "$.data required: required property 'stations' not found", 1L),
                tally("1.0", "station_status", BuiltFeeds.velibStatusWithoutStations()));
    }

    private static Map<String, Long> velibDeviations(int stations) {
        return Map.of(NO_LAST_UPDATED, 1L, INTEGER_STATION_ID, (long) stations);
    }

    private static List<Path> recorded(String dir, String relativePattern) throws IOException {
        Path root = TestData.dir(dir);
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> root.relativize(p).toString().matches(relativePattern)).sorted().toList();
        }
    }

    private static Map<String, Long> tally(String version, String feed, byte[] body) {
        return violations(version, feed, body).stream()
                .map(violation -> violation.replaceAll("\\[\\d+]", "[*]"))
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    private static List<String> violations(String version, String feed, byte[] body) {
        try (InputStream in = Files.newInputStream(TestData.dir("gbfs-json-schema/" + version + "/" + feed
                + ".json"))) {
            JsonSchema schema = DRAFT_07.getSchema(in, ENGLISH_JSON_PATHS);
            return schema.validate(JSON.readTree(body)).stream().map(GbfsSchemaConformanceTest::describe)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(ValidationMessage message) {
        String at = message.getInstanceLocation().toString();
        String detail = message.getMessage().startsWith(at + ": ")
                ? message.getMessage().substring(at.length() + 2) : message.getMessage();
        return at + " " + message.getType() + ": " + detail;
    }

    private static List<String> minus(List<String> these, List<String> those) {
        List<String> left = new ArrayList<>(these);
        those.forEach(left::remove);
        return left;
    }
}

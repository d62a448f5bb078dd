package io.velibconnect.gbfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.velibconnect.testing.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A fingerprint stands for a station's content: the same content always gives the same value (offsets store it, so
 * it is pinned here), and contents that differ, in one field or in several, give different ones.
 */
class ContentFingerprintTest {

    private static final StationStatus VELIB = new StationStatus("213688169", "16107", 8, 1, 7, 27, true, true, true,
            Instant.ofEpochSecond(1_734_258_894), Instant.ofEpochSecond(1_734_259_070));

    @Test
    void aContentsFingerprintIsPinnedBecauseOffsetsStoreIt() {
        assertEquals(0xb67c38ec7006ae20L, VELIB.fingerprint(),
                "a new value re-sends every station once after an upgrade: say so in the release notes");
        assertEquals(VELIB.fingerprint(), VELIB.withLastUpdated(Instant.EPOCH).fingerprint(),
                "the envelope time is not content");
    }

    @Test
    void changingAnyOneFieldChangesTheFingerprint() {
        List<UnaryOperator<StationStatus>> changes = List.of(
                s -> new StationStatus("213688170", s.stationCode(), s.numBikesAvailable(), s.mechanical(),
                        s.ebike(), s.numDocksAvailable(), s.isInstalled(), s.isRenting(), s.isReturning(),
                        s.lastReported(), s.lastUpdated()),
                s -> with(s, null, s.numBikesAvailable(), s.numDocksAvailable(), s.isInstalled(), s.lastReported()),
                s -> with(s, "null", s.numBikesAvailable(), s.numDocksAvailable(), s.isInstalled(), s.lastReported()),
                s -> with(s, "", s.numBikesAvailable(), s.numDocksAvailable(), s.isInstalled(), s.lastReported()),
                s -> with(s, "16107\u0000", s.numBikesAvailable(), s.numDocksAvailable(), s.isInstalled(),
                        s.lastReported()),
                s -> with(s, s.stationCode(), 9, s.numDocksAvailable(), s.isInstalled(), s.lastReported()),
                s -> with(s, s.stationCode(), s.numBikesAvailable(), null, s.isInstalled(), s.lastReported()),
                s -> with(s, s.stationCode(), s.numBikesAvailable(), 0, s.isInstalled(), s.lastReported()),
                s -> with(s, s.stationCode(), s.numBikesAvailable(), s.numDocksAvailable(), false, s.lastReported()),
                s -> with(s, s.stationCode(), s.numBikesAvailable(), s.numDocksAvailable(), null, s.lastReported()),
                s -> with(s, s.stationCode(), s.numBikesAvailable(), s.numDocksAvailable(), s.isInstalled(), null),
                s -> with(s, s.stationCode(), s.numBikesAvailable(), s.numDocksAvailable(), s.isInstalled(),
                        Instant.EPOCH),
                s -> with(s, s.stationCode(), s.numBikesAvailable(), s.numDocksAvailable(), s.isInstalled(),
                        s.lastReported().plusSeconds(1)));
        for (UnaryOperator<StationStatus> change : changes) {
            StationStatus changed = change.apply(VELIB);
            assertNotEquals(VELIB.fingerprint(), changed.fingerprint(), changed.toString());
        }
    }

    @Test
    void changingAnyOneFieldOfAStationsInformationChangesItsFingerprint() {
        StationInformation info = new StationInformation("1", "16107", "Gare", 48.85, 2.35, 20, "75016", "1 rue",
                "r1", Instant.EPOCH).withRegionName("Paris");
        List<StationInformation> changed = List.of(
                new StationInformation("2", "16107", "Gare", 48.85, 2.35, 20, "75016", "1 rue", "r1", Instant.EPOCH),
                new StationInformation("1", null, "Gare", 48.85, 2.35, 20, "75016", "1 rue", "r1", Instant.EPOCH),
                new StationInformation("1", "16107", "Gares", 48.85, 2.35, 20, "75016", "1 rue", "r1", Instant.EPOCH),
                new StationInformation("1", "16107", "Gare", 48.851, 2.35, 20, "75016", "1 rue", "r1", Instant.EPOCH),
                new StationInformation("1", "16107", "Gare", 48.85, -2.35, 20, "75016", "1 rue", "r1", Instant.EPOCH),
                new StationInformation("1", "16107", "Gare", 48.85, 2.35, null, "75016", "1 rue", "r1", Instant.EPOCH),
                new StationInformation("1", "16107", "Gare", 48.85, 2.35, 20, "75015", "1 rue", "r1", Instant.EPOCH),
                new StationInformation("1", "16107", "Gare", 48.85, 2.35, 20, "75016", "2 rue", "r1", Instant.EPOCH),
                new StationInformation("1", "16107", "Gare", 48.85, 2.35, 20, "75016", "1 rue", "r2", Instant.EPOCH));
        for (StationInformation other : changed) {
            assertNotEquals(info.fingerprint(), other.withRegionName("Paris").fingerprint(), other.toString());
        }
        assertNotEquals(info.fingerprint(), info.withRegionName(null).fingerprint(), "region name");
        assertEquals(info.fingerprint(), info.withLastUpdated(Instant.now()).fingerprint());
    }

    @Test
    void aStringsCharactersDoNotSlideIntoTheNextField() {
        long ab = ContentFingerprint.finish(ContentFingerprint.field(ContentFingerprint.field(
                ContentFingerprint.start(), "ab"), "c"));
        long bc = ContentFingerprint.finish(ContentFingerprint.field(ContentFingerprint.field(
                ContentFingerprint.start(), "a"), "bc"));
        assertNotEquals(ab, bc);
        long nothing = ContentFingerprint.finish(ContentFingerprint.field(ContentFingerprint.start(), (String) null));
        long empty = ContentFingerprint.finish(ContentFingerprint.field(ContentFingerprint.start(), ""));
        assertNotEquals(nothing, empty);
    }

    /** Every distinct content among the recorded feeds' stations has a fingerprint of its own. */
    @Test
    void noTwoRecordedContentsShareAFingerprint() throws IOException {
        FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);
        Map<Long, StationStatus> byFingerprint = new HashMap<>();
        try (Stream<Path> files = Files.walk(TestData.dir("."))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("station_status")).toList()) {
                for (StationStatus station : stations(parser, file)) {
                    StationStatus content = station.withLastUpdated(Instant.EPOCH);
                    StationStatus before = byFingerprint.putIfAbsent(content.fingerprint(), content);
                    assertTrue(before == null || before.equals(content), before + " and " + content);
                }
            }
        }
        assertTrue(byFingerprint.size() > 10_000, byFingerprint.size() + " distinct contents");
    }

    private static StationStatus with(StationStatus s, String code, int bikes, Integer docks, Boolean installed,
                                      Instant lastReported) {
        return new StationStatus(s.stationId(), code, bikes, s.mechanical(), s.ebike(), docks, installed,
                s.isRenting(), s.isReturning(), lastReported, s.lastUpdated());
    }

    /** The stations of a recorded body; some recorded bodies are deliberately not usable feeds. */
    private static List<StationStatus> stations(FeedParser parser, Path file) throws IOException {
        try {
            return parser.parseStatus(Files.readAllBytes(file)).stations();
        } catch (FeedException e) {
            return List.of();
        }
    }
}

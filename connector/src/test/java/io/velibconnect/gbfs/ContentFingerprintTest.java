package io.velibconnect.gbfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.velibconnect.testing.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fingerprint must stay the FNV-1a of the content text's UTF-8 bytes that offsets already store: hashed field
 * by field, it is checked here against that definition written out plainly.
 */
class ContentFingerprintTest {

    @Test
    void textHashesItsUtf8Bytes() {
        for (String text : List.of("", "16107|null|8", "Gare de l'Est – Hôtel", "日本語", "bike 🚲 ok",
                "lone \uD83D high", "lone \uDE80 low", "end \uD83D", "\u007f\u0080\u07ff\u0800\uffff")) {
            assertEquals(reference(text), ContentFingerprint.of(text), text);
        }
    }

    @Test
    void fieldsHashAsTheirJoinedText() {
        long hash = ContentFingerprint.start("a");
        hash = ContentFingerprint.field(hash, (String) null);
        hash = ContentFingerprint.field(hash, Integer.valueOf(-2_147_483_648));
        hash = ContentFingerprint.field(hash, (Integer) null);
        hash = ContentFingerprint.field(hash, Long.MIN_VALUE);
        hash = ContentFingerprint.field(hash, Long.MAX_VALUE);
        hash = ContentFingerprint.field(hash, 0L);
        hash = ContentFingerprint.field(hash, 10L);
        hash = ContentFingerprint.field(hash, Boolean.TRUE);
        hash = ContentFingerprint.field(hash, Boolean.FALSE);
        hash = ContentFingerprint.field(hash, (Boolean) null);
        assertEquals(reference("a|null|-2147483648|null|" + Long.MIN_VALUE + "|" + Long.MAX_VALUE
                + "|0|10|true|false|null"), hash);
    }

    @Test
    void numbersHashAsTheirDigits() {
        for (long value : new long[] {0, 1, 9, 10, 99, 100, 1_734_255_053L, 253_402_300_799L, 9_999_999_999_999_999L,
                10_000_000_000_000_000L, 1_000_000_000_000_000_000L, -1, -10, Long.MIN_VALUE + 1}) {
            assertEquals(reference("a|" + value), ContentFingerprint.field(ContentFingerprint.start("a"), value),
                    Long.toString(value));
        }
    }

    @Test
    void everyRecordedStationFingerprintsItsContent() throws IOException {
        FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);
        int stations = 0;
        try (Stream<Path> files = Files.walk(TestData.dir("."))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("station_status")).toList()) {
                for (StationStatus station : stations(parser, file)) {
                    assertEquals(reference(content(station)), station.fingerprint(), file + " " + station);
                    stations++;
                }
            }
        }
        StationStatus sparse = new StationStatus("x|é", null, 3, null, null, null, null, null, null, null,
                Instant.EPOCH);
        assertEquals(reference(content(sparse)), sparse.fingerprint());
        assertEquals(true, stations > 10_000, stations + " stations read");
    }

    /** The stations of a recorded body; some recorded bodies are deliberately not usable feeds. */
    private static List<StationStatus> stations(FeedParser parser, Path file) throws IOException {
        try {
            return parser.parseStatus(Files.readAllBytes(file)).stations();
        } catch (FeedException e) {
            return List.of();
        }
    }

    /** The text the fingerprint stands for, as earlier versions built it before hashing. */
    private static String content(StationStatus s) {
        return String.join("|", s.stationId(), String.valueOf(s.stationCode()), String.valueOf(s.numBikesAvailable()),
                String.valueOf(s.mechanical()), String.valueOf(s.ebike()), String.valueOf(s.numDocksAvailable()),
                String.valueOf(s.isInstalled()), String.valueOf(s.isRenting()), String.valueOf(s.isReturning()),
                String.valueOf(s.lastReported() == null ? null : s.lastReported().getEpochSecond()));
    }

    private static long reference(String content) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : content.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}

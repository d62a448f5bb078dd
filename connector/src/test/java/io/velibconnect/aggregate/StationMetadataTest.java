package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.velibconnect.testing.TestData;
import org.junit.jupiter.api.Test;

class StationMetadataTest {

    private static final Path CSV = TestData.dir("velib-metadata/stations_information.csv");

    @Test
    void readsTheSeedsCsv() throws IOException {
        List<MetadataRow> rows = MetadataCsv.read(CSV);
        assertEquals(1462, rows.size());
        assertEquals(new MetadataRow("16107", "213688169", "75016", "Paris"), rows.get(0));
        assertTrue(rows.contains(new MetadataRow("11025", "82405965", null, null)), "empty postcode and city");
    }

    @Test
    void rejectsAFileWithoutTheHeader(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("m.csv"), "16107,213688169,75016,Paris\n");
        IOException e = assertThrows(IOException.class, () -> MetadataCsv.read(file));
        assertTrue(e.getMessage().contains(MetadataCsv.HEADER), e.getMessage());
    }

    @Test
    void stationIdWinsOverStationCode() {
        StationMetadata metadata = new StationMetadata(GroupBy.POSTCODE, "unknown", List.of(
                new MetadataRow("100", "1", "75001", "Paris"),
                new MetadataRow("200", "2", "92100", "Boulogne-Billancourt")));
        assertEquals("75001", metadata.of("1", "200").group(), "the code points elsewhere, the id decides");
        assertEquals("92100", metadata.of("999", "200").group(), "unknown id: matched by code");
        assertEquals(new Placement("92100", "92100", "Boulogne-Billancourt", 0), metadata.of("2", null));
    }

    @Test
    void feedPostcodeAndCapacityFillWhatTheCsvLacks() throws IOException {
        StationMetadata metadata = new StationMetadata(GroupBy.POSTCODE, "unknown", MetadataCsv.read(CSV));
        assertEquals(new Placement("unknown", "unknown", null, 0), metadata.of("82405965", "11025"),
                "the CSV row has an empty postcode and the feed none");
        assertTrue(metadata.put(new FeedStation("82405965", "11025", "75011", 30)));
        assertEquals(new Placement("75011", "75011", "Paris", 30), metadata.of("82405965", "11025"));
        assertEquals(new Placement("75016", "75016", "Paris", 35),
                putAndPlace(metadata, new FeedStation("213688169", "16107", "99999", 35)),
                "the CSV's postcode wins over the feed's; the capacity comes from the feed");
    }

    @Test
    void groupsByCity() throws IOException {
        StationMetadata metadata = new StationMetadata(GroupBy.CITY, "elsewhere", MetadataCsv.read(CSV));
        assertEquals(new Placement("Rosny-sous-Bois", null, "Rosny-sous-Bois", 0), metadata.of("653222953", "31104"));
        assertEquals(new Placement("elsewhere", null, null, 0), metadata.of("1", "no-such-code"));
    }

    private static Placement putAndPlace(StationMetadata metadata, FeedStation station) {
        metadata.put(station);
        return metadata.of(station.stationId(), station.stationCode());
    }
}

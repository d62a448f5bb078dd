package io.velibconnect.aggregate.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.velibconnect.aggregate.GroupBy;
import io.velibconnect.aggregate.GroupKey;
import io.velibconnect.aggregate.GroupLabels;
import io.velibconnect.aggregate.Grouping;
import io.velibconnect.aggregate.VelibSeries;
import io.velibconnect.testing.TestData;
import org.junit.jupiter.api.Test;

class StationMetadataTest {

    private static final Path CSV = TestData.dir("velib-metadata/stations_information.csv");

    @Test
    void readsTheVelibMetadataCsv() throws IOException {
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
        StationMetadata metadata = new StationMetadata(VelibSeries.grouping(GroupBy.POSTCODE), List.of(
                new MetadataRow("100", "1", "75001", "Paris"),
                new MetadataRow("200", "2", "92100", "Boulogne-Billancourt")), null);
        assertEquals("75001", metadata.of(VELIB, "1", "200").group(), "the code points elsewhere, the id decides");
        assertEquals("92100", metadata.of(VELIB, "999", "200").group(), "unknown id: matched by code");
        assertEquals(new Placement("92100", postcode("92100", "Boulogne-Billancourt"), 0),
                metadata.of(VELIB, "2", null));
    }

    @Test
    void feedPostcodeAndCapacityFillWhatTheCsvLacks() throws IOException {
        StationMetadata metadata = new StationMetadata(VelibSeries.grouping(GroupBy.POSTCODE), MetadataCsv.read(CSV),
                null);
        assertEquals(new Placement("unknown", postcode("unknown", null), 0), metadata.of(VELIB, "82405965", "11025"),
                "the CSV row has an empty postcode and the feed none");
        assertEquals("82405965", metadata.put(velib("82405965", "11025", "75011", 30)));
        assertEquals(null, metadata.put(velib("82405965", "11025", "75011", 30)), "the same information again");
        assertEquals(new Placement("75011", postcode("75011", "Paris"), 30), metadata.of(VELIB, "82405965", "11025"));
        assertEquals(new Placement("75016", postcode("75016", "Paris"), 35),
                putAndPlace(metadata, velib("213688169", "16107", "99999", 35)),
                "the CSV's postcode wins over the feed's; the capacity comes from the feed");
    }

    @Test
    void groupsByCity() throws IOException {
        StationMetadata metadata = new StationMetadata(new Grouping(GroupBy.CITY, GroupKey.GROUP, 8, "elsewhere"),
                MetadataCsv.read(CSV), null);
        assertEquals(new Placement("Rosny-sous-Bois", new GroupLabels(null, "Rosny-sous-Bois", null, null, null, VELIB),
                0), metadata.of(VELIB, "653222953", "31104"));
        assertEquals(new Placement("elsewhere", new GroupLabels(null, null, null, null, null, VELIB), 0),
                metadata.of(VELIB, "1", "no-such-code"));
    }

    private static final String VELIB = "velib";

    private static GroupLabels postcode(String postcode, String city) {
        return new GroupLabels(postcode, city, null, null, null, VELIB);
    }

    private static FeedStation velib(String stationId, String stationCode, String postCode, int capacity) {
        return new FeedStation(VELIB, stationId, stationCode, postCode, capacity, 48.86, 2.35, null, null);
    }

    private static Placement putAndPlace(StationMetadata metadata, FeedStation station) {
        metadata.put(station);
        return metadata.of(station.systemId(), station.stationId(), station.stationCode());
    }
}

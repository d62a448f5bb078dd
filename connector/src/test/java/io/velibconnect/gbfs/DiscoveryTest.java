package io.velibconnect.gbfs;

import io.velibconnect.testing.TestData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiscoveryTest {

    private static final String VELIB = "https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/";

    @Test
    void velibDiscoveryListsItsFeedsUnderEn() throws Exception {
        Discovery.FeedUrls urls = Discovery.parse(
                TestData.bytes("velib/2024-12-15_InfoFlower-timeseries/gbfs.json"), VELIB + "gbfs.json", "fr");

        assertEquals(VELIB + "station_status.json", urls.status());
        assertEquals(VELIB + "station_information.json", urls.information());
        assertEquals(VELIB + "system_information.json", urls.systemInformation());
    }

    @Test
    void gbfs23And30Discovery() throws Exception {
        Discovery.FeedUrls v23 = Discovery.parse(TestData.bytes("gbfs-json-schema/examples/2.3/gbfs.json"),
                "https://test.com/gbfs", "en");
        assertEquals("https://test.com/station_status", v23.status());
        assertEquals("https://test.com/station_information", v23.information());

        Discovery.FeedUrls v30 = Discovery.parse(TestData.bytes("gbfs-json-schema/examples/3.0/gbfs.json"),
                "https://berlin.example.tier-services.io/tier_paris/gbfs/3.0/gbfs", "en");
        assertEquals("https://berlin.example.tier-services.io/tier_paris/gbfs/3.0/station-status", v30.status());
        assertEquals("https://berlin.example.tier-services.io/tier_paris/gbfs/3.0/station-information",
                v30.information());
    }

    @Test
    void theRequestedLanguageWinsThenEnThenTheFirst() throws Exception {
        byte[] body = """
                {"last_updated": 1, "ttl": 0, "data": {
                  "nb": {"feeds": [{"name": "station_status", "url": "nb/station_status.json"}]},
                  "en": {"feeds": [{"name": "station_status", "url": "en/station_status.json"}]}}}""".getBytes();
        String base = "http://host/gbfs/gbfs.json";

        assertEquals("http://host/gbfs/nb/station_status.json", Discovery.parse(body, base, "nb").status());
        assertEquals("http://host/gbfs/en/station_status.json", Discovery.parse(body, base, "fr").status());
        assertNull(Discovery.parse(body, base, "nb").information());
    }

    @Test
    void aStatusUrlIsUsedDirectlyAndInformationGuessedBesideIt() {
        assertTrue(Discovery.isStatusUrl(VELIB + "station_status.json"));
        assertTrue(Discovery.isStatusUrl("https://sharedmobility.ch/v2/gbfs/velospot/station_status"));
        assertTrue(Discovery.isStatusUrl("https://x/gbfs/3.0/station-status"));
        assertFalse(Discovery.isStatusUrl(VELIB + "gbfs.json"));

        Discovery.FeedUrls urls = Discovery.direct(VELIB + "station_status.json");
        assertEquals(VELIB + "station_information.json", urls.information());
        assertEquals("https://x/gbfs/3.0/station-information", Discovery.direct("https://x/gbfs/3.0/station-status")
                .information());
    }

    @Test
    void aDiscoveryWithoutStatusOrFeedsIsAFeedException() {
        assertEquals("gbfs.json lists no station_status feed", assertThrows(FeedException.class, () ->
                Discovery.parse("{\"data\":{\"feeds\":[]}}".getBytes(), "http://h/gbfs.json", "en")).getMessage());
        assertEquals("gbfs.json has no data.feeds nor data.<language>.feeds list", assertThrows(FeedException.class,
                () -> Discovery.parse("{\"data\":{}}".getBytes(), "http://h/gbfs.json", "en")).getMessage());
    }

    @Test
    void systemIdComesFromSystemInformation() throws Exception {
        assertEquals("Paris", Discovery.systemId(
                TestData.bytes("velib/2024-12-15_InfoFlower-timeseries/system_information.json")));
        assertEquals("Bixi_MTL", Discovery.systemId(TestData.bytes("other-systems/bixi/system_information.json")));
    }
}

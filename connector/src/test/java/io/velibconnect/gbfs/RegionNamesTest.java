package io.velibconnect.gbfs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** system_regions bodies of GBFS 2.x and 3.0, and bodies no system should send. */
class RegionNamesTest {

    private static final FeedLimits LIMITS = new FeedLimits(4, 20);

    private static RegionNames parse(String language, String body) throws FeedException {
        return new FeedParser(language, LIMITS).parseRegionNames(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String regions(String regions) {
        return "{\"last_updated\":1609866247,\"ttl\":0,\"version\":\"2.3\",\"data\":{\"regions\":[" + regions + "]}}";
    }

    @Test
    void gbfs2NamesAreStrings() throws Exception {
        RegionNames names = parse("en", regions("{\"region_id\":\"3\",\"name\":\"North\"},"
                + "{\"region_id\":4,\"name\":\"South\"}"));
        assertEquals(Map.of("3", "North", "4", "South"), names.names());
        assertEquals("South", names.of("4"));
        assertEquals(null, names.of("5"));
        assertEquals(null, names.of(null));
    }

    @Test
    void gbfs3NamesAreReadInTheConfiguredLanguageElseTheFirst() throws Exception {
        String body = "{\"last_updated\":\"2023-07-17T13:34:13+02:00\",\"ttl\":0,\"version\":\"3.0\",\"data\":"
                + "{\"regions\":[{\"region_id\":\"3\",\"name\":[{\"text\":\"Nord\",\"language\":\"fr\"},"
                + "{\"text\":\"North\",\"language\":\"en\"}]},"
                + "{\"region_id\":\"4\",\"name\":[{\"text\":\"Sud\",\"language\":\"fr\"}]}]}}";
        assertEquals(Map.of("3", "North", "4", "Sud"), parse("en", body).names());
        assertEquals(Map.of("3", "Nord", "4", "Sud"), parse("fr", body).names());
    }

    @Test
    void aBadRegionIsRejectedAloneAndARepeatedIdNamesNothing() throws Exception {
        RegionNames names = parse("en", regions("{\"region_id\":\"1\",\"name\":\"" + "x".repeat(21) + "\"},"
                + "\"not an object\",{\"region_id\":\"2\",\"name\":\"A\"},{\"region_id\":\"2\",\"name\":\"B\"}")
                .replace("\"data\":{", "\"data\":{\"other\":[[1]],"));

        assertEquals(Map.of(), names.names());
        List<String> reasons = names.rejections().stream().map(Rejection::reason).toList();
        assertEquals(3, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).contains("more than 20"), reasons.get(0));
        assertTrue(reasons.get(1).contains("not a JSON object"), reasons.get(1));
        assertEquals("duplicate region_id", reasons.get(2));
    }

    @Test
    void aBodyThatIsNoRegionsListIsRefusedWhole() {
        for (String body : List.of("", "[]", "{\"data\":{}}", "{\"data\":{\"regions\":{}}}", "{\"data\":",
                regions("{}") + "{}", "{\"data\":{\"regions\":[" + "[".repeat(5_000))) {
            assertThrows(FeedException.class, () -> parse("en", body), body);
        }
    }

    @Test
    void moreRegionsThanTheStationCapAreRefused() {
        String five = regions("{\"region_id\":\"1\"},".repeat(4) + "{\"region_id\":\"5\"}");
        FeedException refused = assertThrows(FeedException.class, () -> parse("en", five));
        assertTrue(refused.getMessage().contains("more than 4 regions"), refused.getMessage());
    }

    @Test
    void controlCharactersOfTheFeedAreEscapedInRejections() throws Exception {
        String id = "{\"region_id\":\"\\u001b[31m\",\"name\":\"A\"}";
        Rejection rejection = parse("en", regions(id + "," + id)).rejections().get(0);
        assertTrue(rejection.stationId().contains("[31m") && !rejection.stationId().contains("\u001b"),
                rejection.stationId());
    }
}

package io.velibconnect.gbfs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogueTest {

    static final String HEADER = "Country Code,Name,Location,System ID,URL,Auto-Discovery URL,Supported Versions,"
            + "Authentication Info URL,Authentication Type,Authentication Parameter Name\n";

    private static Catalogue parse(String body) throws FeedException {
        return Catalogue.parse(body.getBytes(StandardCharsets.UTF_8), 100);
    }

    @Test
    void systemsCsvColumnsAreFoundByNameWithQuotedCommasAndNewlines() throws FeedException {
        Catalogue catalogue = parse(HEADER
                + "FR,Vélib' Métropole,\"Paris, FR\",Paris,https://www.velib-metropole.fr,"
                + "https://velib.example/gbfs.json,1.0 ; 2.2,,,\n"
                + "es,\"Bicing, \"\"the\"\" one\nin two lines\",\"Barcelona, ES\",bicing,https://bicing.example,"
                + "https://bicing.example/gbfs.json,2.3,,,\n");

        assertEquals(List.of(new CatalogedSystem("Paris", "FR", "https://velib.example/gbfs.json"),
                new CatalogedSystem("bicing", "ES", "https://bicing.example/gbfs.json")), catalogue.systems());
        assertEquals(0, catalogue.skipped());
    }

    @Test
    void columnsInAnotherOrderWithUnknownOnesAndABomAreRead() throws FeedException {
        Catalogue catalogue = parse("\uFEFFAuto-Discovery URL,Extra,System ID,Country Code\n"
                + "https://a.example/gbfs.json,x,a,CH\n"
                + "https://b.example/gbfs.json,y,b,CH,a trailing field no header names\n");

        assertEquals(List.of("a", "b"), catalogue.systems().stream().map(CatalogedSystem::systemId).toList());
    }

    @Test
    void aMissingColumnRefusesTheCatalogueAndSaysWhich() {
        FeedException noUrl = assertThrows(FeedException.class,
                () -> parse("Country Code,Name,System ID,URL\nFR,Vélib',Paris,https://velib.example\n"));
        assertTrue(noUrl.getMessage().contains("'Auto-Discovery URL'"), noUrl.getMessage());
        assertThrows(FeedException.class, () -> parse(""));
        assertThrows(FeedException.class, () -> parse("<html>not found</html>\n"));
    }

    @Test
    void badRowsAreSkippedAloneAndCounted() throws FeedException {
        Catalogue catalogue = parse(HEADER
                + "FR,ok,,ok,,https://ok.example/gbfs.json,,,,\n"
                + "FR,no id,,,,https://noid.example/gbfs.json,,,,\n"
                + "FR,no url,,nourl,,,,,,\n"
                + "FR,ftp,,ftp,,ftp://ftp.example/gbfs.json,,,,\n"
                + "FR,comma,,comma,,\"https://c.example/gbfs.json?a=1,2\",,,,\n"
                + "FR,twice,,ok,,https://other.example/gbfs.json,,,,\n"
                + "FR,same url,,other,,https://ok.example/gbfs.json,,,,\n"
                + "FR,evil\u001b[2J,,\"evil\n\u001b[31mforged\",,javascript:alert(1),,,,\n");

        assertEquals(List.of(new CatalogedSystem("ok", "FR", "https://ok.example/gbfs.json")), catalogue.systems());
        assertEquals(7, catalogue.skipped());
        assertEquals(5, catalogue.skipExamples().size(), "a few examples, not every bad row");
        assertTrue(catalogue.skipExamples().stream().anyMatch(e -> e.contains("listed twice")),
                catalogue.skipExamples()::toString);
        assertTrue(parse(HEADER + "FR,evil,,\"evil\n\u001b[31mforged\",,javascript:alert(1),,,,\n")
                .skipExamples().get(0).contains("evil\\n\\u001b[31mforged"), "feed text escaped");
    }

    @Test
    void malformedCsvIsRefusedWhole() {
        assertThrows(FeedException.class, () -> parse(HEADER + "FR,\"unclosed,,a,,https://a.example/gbfs.json\n"));
    }

    @Test
    void aCatalogueOfMoreSystemsThanTheLimitIsRefused() {
        StringBuilder huge = new StringBuilder(HEADER);
        for (int i = 0; i < 101; i++) {
            huge.append("FR,n,,s").append(i).append(",,https://s").append(i).append(".example/gbfs.json,,,,\n");
        }
        FeedException refused = assertThrows(FeedException.class, () -> parse(huge.toString()));
        assertTrue(refused.getMessage().contains("more than 100 systems"), refused.getMessage());
    }

    @Test
    void aHugeFieldCostsOnlyItsRow() throws FeedException {
        String longId = "x".repeat(1_000_000);
        Catalogue catalogue = parse(HEADER + "FR,n,," + longId + ",,not a url,,,,\n"
                + "FR,n,,b,,https://b.example/gbfs.json,,,,\n");
        assertEquals(1, catalogue.skipped());
        assertTrue(catalogue.skipExamples().get(0).length() < 1_000, "a log line, not the field");
        assertEquals("b", catalogue.systems().get(0).systemId());
    }

    @Test
    void aManifestGivesEachSystemsNewestReadableVersion() throws FeedException {
        Catalogue catalogue = parse("""
                 {"last_updated":"2024-01-01T00:00:00Z","ttl":3600,"version":"3.0","data":{"datasets":[
                  {"system_id":"a","versions":[{"version":"2.2","url":"https://a.example/2.2/gbfs.json"},
                                               {"version":"3.0","url":"https://a.example/3.0/gbfs.json"},
                                               {"version":"9.9","url":"https://a.example/9.9/gbfs.json"}]},
                  {"system_id":"b","versions":[{"version":"2.3","url":"https://b.example/gbfs.json"}]},
                  {"system_id":"future","versions":[{"version":"4.0","url":"https://f.example/gbfs.json"}]},
                  {"system_id":"a","versions":[{"version":"3.0","url":"https://a2.example/gbfs.json"}]},
                  {"versions":[{"version":"3.0","url":"https://noid.example/gbfs.json"}]}
                ]}}""");

        assertEquals(List.of(new CatalogedSystem("a", null, "https://a.example/3.0/gbfs.json"),
                new CatalogedSystem("b", null, "https://b.example/gbfs.json")), catalogue.systems());
        assertEquals(3, catalogue.skipped());
        assertTrue(catalogue.skipExamples().get(0).contains("no version this connector reads"),
                catalogue.skipExamples()::toString);
    }

    @Test
    void aManifestWithoutDatasetsIsRefused() {
        assertThrows(FeedException.class, () -> parse("{\"data\":{}}"));
        assertThrows(FeedException.class, () -> parse("{\"data\":{\"datasets\":"));
        assertFalse(assertThrows(FeedException.class, () -> parse("{\"data\":{\"datasets\":{}}}")).getMessage()
                .isEmpty());
    }
}

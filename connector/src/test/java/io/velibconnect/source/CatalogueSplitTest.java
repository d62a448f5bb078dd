package io.velibconnect.source;

import io.velibconnect.gbfs.CatalogedSystem;
import io.velibconnect.gbfs.Catalogue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which catalogue systems are chosen, and how they and the gbfs.url feeds go to tasks. */
class CatalogueSplitTest {

    private static final Catalogue CATALOGUE = new Catalogue(List.of(
            new CatalogedSystem("velib", "FR", "https://velib/gbfs.json"),
            new CatalogedSystem("bicing", "ES", "https://bicing/gbfs.json"),
            new CatalogedSystem("lyon", "FR", "https://lyon/gbfs.json"),
            new CatalogedSystem("manifest-only", null, "https://m/gbfs.json")), 0, List.of());

    private static List<String> ids(List<CatalogedSystem> systems) {
        return systems.stream().map(CatalogedSystem::systemId).toList();
    }

    @Test
    void countriesAndSystemsFilterTogetherAndEmptyMeansAll() {
        assertEquals(List.of("bicing", "lyon", "manifest-only", "velib"),
                ids(new CatalogueFilter(Set.of(), Set.of()).choose(CATALOGUE)));
        assertEquals(List.of("lyon", "velib"), ids(new CatalogueFilter(Set.of(" fr"), Set.of()).choose(CATALOGUE)));
        assertEquals(List.of("bicing", "velib"),
                ids(new CatalogueFilter(Set.of(), Set.of("velib", "bicing ", "absent")).choose(CATALOGUE)));
        assertEquals(List.of("velib"), ids(new CatalogueFilter(Set.of("FR"), Set.of("velib", "bicing"))
                .choose(CATALOGUE)));
        assertEquals(List.of(), ids(new CatalogueFilter(Set.of("Velib"), Set.of()).choose(CATALOGUE)),
                "a System ID is no country");
    }

    @Test
    void theSameSystemsInAnyRowOrderGiveTheSameTaskFeeds() {
        List<CatalogedSystem> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(new CatalogedSystem("s" + i, "FR", "https://s" + i + "/gbfs.json"));
        }
        CatalogueFilter all = new CatalogueFilter(Set.of(), Set.of());
        List<List<String>> first = split(all.choose(new Catalogue(rows, 0, List.of())));
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(rows, random);
            assertEquals(first, split(all.choose(new Catalogue(rows, 0, List.of()))));
        }
        assertEquals(7, first.size());
        assertEquals(201, first.stream().mapToInt(List::size).sum(), "the configured feed and every system");
        assertEquals(201, first.stream().flatMap(List::stream).distinct().count(), "no feed in two tasks");
    }

    private static List<List<String>> split(List<CatalogedSystem> chosen) {
        return FeedSplit.of(List.of("https://configured/gbfs.json"),
                chosen.stream().map(CatalogedSystem::discoveryUrl).toList(), 7);
    }

    @Test
    void configuredFeedsComeFirstAndAFeedInBothIsPolledOnce() {
        assertEquals(List.of(List.of("https://velib/gbfs.json", "https://a/gbfs.json"), List.of("https://b/gbfs.json")),
                FeedSplit.of(List.of("https://velib/gbfs.json", "https://a/gbfs.json"),
                        List.of("https://a/gbfs.json", "https://b/gbfs.json"), 2));
        assertEquals(List.of(), FeedSplit.of(List.of(), List.of(), 4), "no feed yet: no task");
        assertEquals(1, FeedSplit.of(List.of(), List.of("https://a/gbfs.json"), 4).size());
    }
}

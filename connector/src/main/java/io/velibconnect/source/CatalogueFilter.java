package io.velibconnect.source;

import io.velibconnect.gbfs.CatalogedSystem;
import io.velibconnect.gbfs.Catalogue;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which catalogue systems are polled: those of the listed countries and of the listed System IDs (an empty list
 * does not restrict). Systems come out sorted by System ID, so the same catalogue in another row order chooses the
 * same list and changes no task's feeds.
 *
 * @param countries country codes, any case
 * @param systems   System IDs, exact
 */
record CatalogueFilter(Set<String> countries, Set<String> systems) {

    CatalogueFilter {
        countries = countries.stream().map(c -> c.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        systems = systems.stream().map(String::trim).collect(Collectors.toSet());
    }

    List<CatalogedSystem> choose(Catalogue catalogue) {
        return catalogue.systems().stream()
                .filter(s -> countries.isEmpty() || countries.contains(s.countryCode()))
                .filter(s -> systems.isEmpty() || systems.contains(s.systemId()))
                .sorted(Comparator.comparing(CatalogedSystem::systemId))
                .toList();
    }

    @Override
    public String toString() {
        return "countries=" + countries.stream().sorted().toList() + " systems=" + systems.stream().sorted().toList();
    }
}

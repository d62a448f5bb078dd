package io.velibconnect.aggregate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.velibconnect.aggregate.metadata.Placement;
import io.velibconnect.aggregate.metadata.Placements;
import io.velibconnect.gbfs.StationStatus;

/**
 * The reference the aggregator is checked against: totals computed from scratch, non-incrementally, from one
 * complete snapshot of the feed joined with the metadata, the way one would write it by hand.
 */
final class FreshTotals {

    private FreshTotals() {
    }

    /** @param systemId the system all of the snapshot's stations belong to */
    static Map<String, GroupTotals> of(String systemId, List<StationStatus> snapshot, Placements placements) {
        Map<String, List<StationStatus>> byGroup = snapshot.stream().collect(Collectors.groupingBy(
                s -> placements.of(systemId, s.stationId(), s.stationCode()).group(), TreeMap::new,
                Collectors.toList()));
        Map<String, GroupTotals> totals = new TreeMap<>();
        byGroup.forEach((group, stations) -> {
            Placement first = placements.of(systemId, stations.get(0).stationId(), stations.get(0).stationCode());
            totals.put(group, new GroupTotals(group, first.labels(), stations.size(),
                    stations.stream().mapToLong(StationStatus::numBikesAvailable).sum(),
                    stations.stream().map(StationStatus::mechanical).filter(Objects::nonNull).mapToLong(i -> i).sum(),
                    stations.stream().map(StationStatus::ebike).filter(Objects::nonNull).mapToLong(i -> i).sum(),
                    stations.stream().map(StationStatus::numDocksAvailable).filter(Objects::nonNull)
                            .mapToLong(i -> i).sum(),
                    stations.stream().mapToLong(s -> placements.of(systemId, s.stationId(), s.stationCode())
                            .capacity()).sum(),
                    stations.stream().mapToLong(s -> s.lastUpdated().toEpochMilli()).max().orElseThrow(),
                    stations.stream().filter(s -> s.lastReported() != null)
                            .mapToLong(s -> s.lastReported().toEpochMilli()).boxed().max(Long::compare).orElse(null)));
        });
        return totals;
    }
}

package io.velibconnect.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.velibconnect.aggregate.metadata.FeedStation;
import io.velibconnect.aggregate.metadata.Placement;
import io.velibconnect.aggregate.metadata.Placements;
import com.uber.h3core.H3Core;
import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.StationInformation;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.records.SystemScopedKey;
import io.velibconnect.testing.TestData;

/**
 * Recorded feeds of systems other than Vélib' (testdata/other-systems), whose station ids collide: Bicing's and
 * Bixi's stations are numbered from 1, and so are many of Vélospot's. Bicing publishes no system_information, so
 * its id here is the one a source would fall back to.
 */
enum OtherSystems {
    BICING("bicing", "bicing", "station_status_2022-05-06T2109Z.json"),
    BIXI("Bixi_MTL", "bixi", "station_status_2025-05-18T1958Z.json"),
    VELOSPOT("velospot", "velospot-sharedmobility-ch", "station_status.json");

    private static final FeedParser PARSER = new FeedParser("en", FeedLimits.DEFAULTS);

    final String systemId;
    private final String dir;
    private final String statusFile;

    OtherSystems(String systemId, String dir, String statusFile) {
        this.systemId = systemId;
        this.dir = dir;
        this.statusFile = statusFile;
    }

    List<StationStatus> status() {
        try {
            return PARSER.parseStatus(TestData.bytes("other-systems/" + dir + "/" + statusFile)).stations();
        } catch (FeedException e) {
            throw new IllegalStateException(e);
        }
    }

    List<StationInformation> information() {
        try {
            return PARSER.parseInformation(TestData.bytes("other-systems/" + dir + "/station_information.json"))
                    .stations();
        } catch (FeedException e) {
            throw new IllegalStateException(e);
        }
    }

    StationState state(StationStatus s, long offset) {
        return new StationState(systemId, s.stationId(), s.stationCode(), s.numBikesAvailable(), orZero(s.mechanical()),
                orZero(s.ebike()), orZero(s.numDocksAvailable()),
                s.lastReported() == null ? null : s.lastReported().toEpochMilli(), s.lastUpdated().toEpochMilli(),
                offset);
    }

    FeedStation feedStation(StationInformation info) {
        return new FeedStation(systemId, info.stationId(), info.stationCode(), info.postCode(), orZero(info.capacity()),
                info.lat(), info.lon(), info.regionId(), null);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /**
     * The placements a hand-written reference gives with group.key=system-group: the region_id, or the H3 cell the
     * library computes from the file's lat/lon, of the station's information; capacity from the same record.
     */
    static Placements reference(GroupBy by, int resolution, List<OtherSystems> systems) {
        H3Core h3;
        try {
            h3 = H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, StationInformation>> info = systems.stream().collect(Collectors.toMap(
                s -> s.systemId, s -> s.information().stream()
                        .collect(Collectors.toMap(StationInformation::stationId, Function.identity()))));
        return (system, id, code) -> {
            StationInformation station = info.get(system).get(id);
            String value = station == null ? null
                    : by == GroupBy.H3 ? h3.latLngToCellAddress(station.lat(), station.lon(), resolution)
                    : station.regionId() == null || station.regionId().isEmpty() ? null : station.regionId();
            String group = value == null ? "unknown" : value;
            GroupLabels labels = by == GroupBy.H3 ? new GroupLabels(null, null, null, null, group, system)
                    : new GroupLabels(null, null, group, null, null, system);
            return new Placement(SystemScopedKey.of(system, group), labels,
                    station == null ? 0 : orZero(station.capacity()));
        };
    }
}

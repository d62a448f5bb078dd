package io.velibconnect.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.velibconnect.aggregate.metadata.FeedStation;
import io.velibconnect.aggregate.metadata.MetadataCsv;
import io.velibconnect.aggregate.metadata.StationMetadata;
import io.velibconnect.gbfs.Discovery;
import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.FeedSnapshot;
import io.velibconnect.gbfs.StationInformation;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.testing.TestData;

/**
 * The recorded Vélib' series of 2024-12-15 (12 station_status snapshots, 10:35Z to 17:51Z, and the day's
 * station_information), the Vélib' station metadata CSV, and conversions to the aggregator's inputs.
 */
public final class VelibSeries {

    static final Path DIR = TestData.dir("velib/2024-12-15_InfoFlower-timeseries");
    static final Path CSV = TestData.dir("velib-metadata/stations_information.csv");
    private static final FeedParser PARSER = new FeedParser("en", FeedLimits.DEFAULTS);
    /** The system id the source derives from the series' system_information (every record carries it). */
    static final String SYSTEM = systemId();

    private VelibSeries() {
    }

    /** The status files, oldest first (their names carry the feed's time). */
    static List<Path> statusFiles() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.getFileName().toString().startsWith("station_status_")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path informationFile() {
        return DIR.resolve("station_information_2024-12-15T1751Z.json");
    }

    static List<StationStatus> status(Path file) {
        try {
            return PARSER.parseStatus(Files.readAllBytes(file)).stations();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FeedException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    static List<StationStatus> lastStatus() {
        List<Path> files = statusFiles();
        return status(files.get(files.size() - 1));
    }

    static List<StationInformation> information() {
        try {
            FeedSnapshot<StationInformation> snapshot = PARSER.parseInformation(Files.readAllBytes(informationFile()));
            return snapshot.stations();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FeedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String systemId() {
        try {
            return Discovery.systemId(Files.readAllBytes(DIR.resolve("system_information.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FeedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The grouping of a single-system aggregator (group.key=group). */
    public static Grouping grouping(GroupBy groupBy) {
        return new Grouping(groupBy, GroupKey.GROUP, 8, "unknown");
    }

    /** The Vélib' metadata CSV alone, as an aggregator without an information topic sees it. */
    static StationMetadata csvOnly() {
        try {
            return new StationMetadata(grouping(GroupBy.POSTCODE), MetadataCsv.read(CSV), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The metadata a fresh computation uses: the Vélib' metadata CSV plus the day's station_information. */
    static StationMetadata metadata(GroupBy groupBy) {
        try {
            StationMetadata metadata = new StationMetadata(grouping(groupBy), MetadataCsv.read(CSV), null);
            information().forEach(info -> metadata.put(feedStation(info)));
            return metadata;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StationState state(StationStatus s, long offset) {
        return new StationState(SYSTEM, s.stationId(), s.stationCode(), s.numBikesAvailable(), orZero(s.mechanical()),
                orZero(s.ebike()), orZero(s.numDocksAvailable()),
                s.lastReported() == null ? null : s.lastReported().toEpochMilli(), s.lastUpdated().toEpochMilli(),
                offset);
    }

    static FeedStation feedStation(StationInformation info) {
        return new FeedStation(SYSTEM, info.stationId(), info.stationCode(), info.postCode(), orZero(info.capacity()),
                info.lat(), info.lon(), info.regionId(), null);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}

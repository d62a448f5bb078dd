package io.velibconnect.aggregate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.testing.TestData;

/**
 * The recorded 2024-12-15 series served as long as a test needs: after its 12 snapshots it starts again, each
 * lap's envelope time ({@code lastUpdatedOther}) one day later, so that every served snapshot is newer than the
 * one before (the source skips an older feed) while its stations are the recorded ones, byte for byte.
 */
final class ReplayedSeries {

    private static final long LAP_SECONDS = 86_400;
    private static final Pattern ENVELOPE_TIME = Pattern.compile("\"lastUpdatedOther\":(\\d+)");
    private static final FeedParser PARSER = new FeedParser("en", FeedLimits.DEFAULTS);

    /** One served station_status body and its parsed stations. */
    record Step(int index, byte[] body, List<StationStatus> stations, Instant lastUpdated) {
    }

    private ReplayedSeries() {
    }

    static Step step(int index) {
        List<Path> files = SeriesPipeline.SNAPSHOTS;
        String recorded = new String(TestData.bytes(files.get(index % files.size())), StandardCharsets.UTF_8);
        Matcher time = ENVELOPE_TIME.matcher(recorded);
        if (!time.find()) {
            throw new IllegalStateException(files.get(index % files.size()) + " has no lastUpdatedOther");
        }
        long shifted = Long.parseLong(time.group(1)) + (index / files.size()) * LAP_SECONDS;
        byte[] body = time.replaceFirst("\"lastUpdatedOther\":" + shifted).getBytes(StandardCharsets.UTF_8);
        try {
            var snapshot = PARSER.parseStatus(body);
            return new Step(index, body, snapshot.stations(), snapshot.lastUpdated());
        } catch (FeedException e) {
            throw new IllegalStateException("step " + index + ": " + e.getMessage(), e);
        }
    }
}

package io.velibconnect.launcher;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped snapshots served as a feed: discovery points here, and the status advances one snapshot per step. */
class ReplayServerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void indexAdvancesOncePerStepAndStaysOnTheLast() {
        Duration step = Duration.ofSeconds(10);
        assertEquals(0, ReplayServer.snapshotIndex(T0, T0.plusSeconds(9), step, 6));
        assertEquals(1, ReplayServer.snapshotIndex(T0, T0.plusSeconds(10), step, 6));
        assertEquals(5, ReplayServer.snapshotIndex(T0, T0.plusSeconds(3600), step, 6));
    }

    @Test
    void servesTheRecordedFeedWithItsUrlsPointedHere() throws Exception {
        RecordedSnapshots snapshots = RecordedSnapshots.load();
        assertEquals(6, snapshots.statuses().size());
        try (ReplayServer server = ReplayServer.start(snapshots, Duration.ofSeconds(10), Clock.fixed(T0, ZoneOffset.UTC))) {
            String gbfs = get(server.gbfsUrl());
            String base = server.gbfsUrl().replace("gbfs.json", "");
            assertTrue(gbfs.contains(base + "station_status.json"), gbfs);
            assertFalse(gbfs.contains("smovengo"), gbfs);
            String status = get(base + "station_status.json");
            assertTrue(status.startsWith("{\"lastUpdatedOther\":1734258950,"), "first snapshot is 10:35:50Z");
            assertTrue(get(base + "station_information.json").contains("\"stationCode\":\"16107\""));
        }
    }

    @Test
    void saysItHasFinishedOnceTheLastSnapshotWasServed() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (ReplayServer server = ReplayServer.start(RecordedSnapshots.load(), Duration.ofSeconds(10), clock)) {
            String status = server.gbfsUrl().replace("gbfs.json", "station_status.json");
            get(status);
            clock.now = T0.plusSeconds(49);
            get(status);
            assertFalse(server.finished(), "the fifth of six snapshots is served");
            clock.now = T0.plusSeconds(50);
            get(status);
            assertTrue(server.finished(), "the sixth is the last");
        }
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }
}

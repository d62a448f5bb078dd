package io.velibconnect.testing;

import io.velibconnect.testing.BuiltFeeds;
import io.velibconnect.testing.TestData;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves the recorded 2024-12-15 Vélib' feeds from a MockWebServer: gbfs.json (rewritten to point here),
 * system_information, station_information, and whichever station_status answer the test sets.
 */
public final class RecordedVelibServer implements Closeable {

    public static final String SERIES = "velib/2024-12-15_InfoFlower-timeseries/";

    private final MockWebServer server = new MockWebServer();
    /** 503 until a test serves a snapshot: the source then backs off, as from a real outage. */
    private final AtomicReference<MockResponse> status =
            new AtomicReference<>(new MockResponse.Builder().code(503).build());
    private final AtomicReference<byte[]> information =
            new AtomicReference<>(TestData.bytes(SERIES + "station_information_2024-12-15T1751Z.json"));
    private final AtomicInteger statusRequests = new AtomicInteger();

    public RecordedVelibServer() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                return switch (path) {
                    case "/velib/gbfs.json" ->
                            ok(BuiltFeeds.velibDiscoveryServedFrom(TestData.bytes(SERIES + "gbfs.json"), base()));
                    case "/velib/system_information.json" -> ok(TestData.bytes(SERIES + "system_information.json"));
                    case "/velib/station_information.json" -> ok(information.get());
                    case "/velib/station_status.json" -> {
                        statusRequests.incrementAndGet();
                        yield status.get();
                    }
                    case "/velib/moved/station_status.json" -> ok(TestData.bytes(SERIES
                            + "station_status_2024-12-15T1452Z.json"));
                    default -> new MockResponse.Builder().code(404).build();
                };
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String base() {
        return server.url("/velib/").toString();
    }

    public String gbfsUrl() {
        return base() + "gbfs.json";
    }

    public String movedStatusUrl() {
        return base() + "moved/station_status.json";
    }

    public int statusRequests() {
        return statusRequests.get();
    }

    /** Serves one of the series' station_status snapshots, e.g. {@code "1035"}. */
    public void serveSnapshot(String time) {
        serve(ok(TestData.bytes(SERIES + "station_status_2024-12-15T" + time + "Z.json")));
    }

    /** Serves this station_information body instead of the recorded 17:51Z one. */
    public void serveInformation(byte[] body) {
        information.set(body);
    }

    public void serve(MockResponse response) {
        status.set(response);
    }

    /** Serves this station_status body and returns once the source has fetched it and polled again. */
    public void serveAndAwaitPoll(byte[] body, String name) throws InterruptedException {
        int seen = statusRequests.get();
        serve(ok(body));
        long deadline = System.currentTimeMillis() + 60_000;
        while (statusRequests.get() < seen + 2) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the source did not poll " + name + " within 60 s");
            }
            Thread.sleep(20);
        }
    }

    public static MockResponse ok(byte[] body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .body(new Buffer().write(body)).build();
    }

    @Override
    public void close() {
        server.close();
    }
}

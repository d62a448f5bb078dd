package io.velibconnect.source;

import io.velibconnect.testing.BuiltFeeds;
import io.velibconnect.testing.SharedData;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves the recorded 2024-12-15 Vélib' feeds from a MockWebServer: gbfs.json (rewritten to point here),
 * system_information, station_information, and whichever station_status answer the test sets.
 */
final class RecordedVelibServer implements Closeable {

    static final String SERIES = "velib/2024-12-15_InfoFlower-timeseries/";

    private final MockWebServer server = new MockWebServer();
    private final AtomicReference<MockResponse> status = new AtomicReference<>();
    private final AtomicReference<byte[]> information =
            new AtomicReference<>(SharedData.bytes(SERIES + "station_information_2024-12-15T1751Z.json"));
    private final AtomicInteger statusRequests = new AtomicInteger();

    RecordedVelibServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                return switch (path) {
                    case "/velib/gbfs.json" ->
                            ok(BuiltFeeds.velibDiscoveryServedFrom(SharedData.bytes(SERIES + "gbfs.json"), base()));
                    case "/velib/system_information.json" -> ok(SharedData.bytes(SERIES + "system_information.json"));
                    case "/velib/station_information.json" -> ok(information.get());
                    case "/velib/station_status.json" -> {
                        statusRequests.incrementAndGet();
                        yield status.get();
                    }
                    case "/velib/moved/station_status.json" -> ok(SharedData.bytes(SERIES
                            + "station_status_2024-12-15T1452Z.json"));
                    default -> new MockResponse.Builder().code(404).build();
                };
            }
        });
        server.start();
    }

    String base() {
        return server.url("/velib/").toString();
    }

    String gbfsUrl() {
        return base() + "gbfs.json";
    }

    String movedStatusUrl() {
        return base() + "moved/station_status.json";
    }

    int statusRequests() {
        return statusRequests.get();
    }

    /** Serves one of the series' station_status snapshots, e.g. {@code "1035"}. */
    void serveSnapshot(String time) {
        serve(ok(SharedData.bytes(SERIES + "station_status_2024-12-15T" + time + "Z.json")));
    }

    /** Serves this station_information body instead of the recorded 17:51Z one. */
    void serveInformation(byte[] body) {
        information.set(body);
    }

    void serve(MockResponse response) {
        status.set(response);
    }

    static MockResponse ok(byte[] body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .body(new Buffer().write(body)).build();
    }

    @Override
    public void close() {
        server.close();
    }
}

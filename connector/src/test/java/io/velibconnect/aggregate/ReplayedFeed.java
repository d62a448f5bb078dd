package io.velibconnect.aggregate;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * The recorded series served over local HTTP, one station_status snapshot at a time, for the source connector
 * to poll: gbfs.json (its feed URLs pointed here), station_information, and the snapshot {@link #serve} set.
 */
final class ReplayedFeed implements Closeable {

    private static final String RECORDED_BASE =
            "https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/";

    private final MockWebServer server = new MockWebServer();
    private final AtomicReference<byte[]> status = new AtomicReference<>();
    private final AtomicInteger statusRequests = new AtomicInteger();

    ReplayedFeed() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String file = request.getUrl().pathSegments().get(request.getUrl().pathSegments().size() - 1);
                return switch (file) {
                    case "gbfs.json" -> json(new String(read(VelibSeries.DIR.resolve("gbfs.json")),
                            StandardCharsets.UTF_8).replace(RECORDED_BASE, server.url("/").toString())
                            .getBytes(StandardCharsets.UTF_8));
                    case "system_information.json" -> json(read(VelibSeries.DIR.resolve(file)));
                    case "station_information.json" -> json(read(VelibSeries.informationFile()));
                    case "station_status.json" -> {
                        statusRequests.incrementAndGet();
                        yield status.get() == null ? new MockResponse.Builder().code(503).build() : json(status.get());
                    }
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

    String gbfsUrl() {
        return server.url("/gbfs.json").toString();
    }

    /** Serves this snapshot from now on. */
    void serve(Path snapshot) {
        status.set(read(snapshot));
    }

    /** Serves this snapshot from now on and returns once the source has fetched it and polled again. */
    void serveAndAwaitPoll(Path snapshot) throws InterruptedException {
        serveAndAwaitPoll(read(snapshot), snapshot.getFileName().toString());
    }

    /** Serves this body, {@code name} in messages, and returns once the source has fetched it and polled again. */
    void serveAndAwaitPoll(byte[] body, String name) throws InterruptedException {
        status.set(body);
        int seen = statusRequests.get();
        long deadline = System.currentTimeMillis() + 60_000;
        while (statusRequests.get() < seen + 2) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the source did not poll " + name + " within 60 s");
            }
            Thread.sleep(20);
        }
    }

    private static MockResponse json(byte[] body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .body(new Buffer().write(body)).build();
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}

package io.velibconnect.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Serves the recorded snapshots as a GBFS feed on 127.0.0.1: gbfs.json (its URLs pointed here), the information
 * documents, and station_status.json advancing to the next recorded snapshot every {@code step} from its first
 * request, then staying on the last one. Plain JDK HTTP server: the launcher carries no test library. Serves the
 * demo, and {@code velib-connect replay-server} for a worker that cannot reach the live feed.
 */
final class ReplayServer implements AutoCloseable {

    private final HttpServer server;
    private final RecordedSnapshots snapshots;
    private final Duration step;
    private final Clock clock;
    /** Set by the first status request, so the first snapshot is not skipped while the broker and worker start. */
    private Instant start;
    /** Set once the last snapshot has been served: from then on the feed no longer changes. */
    private volatile boolean finished;

    private ReplayServer(HttpServer server, RecordedSnapshots snapshots, Duration step, Clock clock) {
        this.server = server;
        this.snapshots = snapshots;
        this.step = step;
        this.clock = clock;
    }

    /** On a free port of 127.0.0.1. */
    static ReplayServer start(RecordedSnapshots snapshots, Duration step, Clock clock) {
        return start(snapshots, step, clock, 0);
    }

    /** On {@code port} of 127.0.0.1 (0: a free one). */
    static ReplayServer start(RecordedSnapshots snapshots, Duration step, Clock clock, int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ReplayServer replay = new ReplayServer(http, snapshots, step, clock);
            String base = "http://127.0.0.1:" + http.getAddress().getPort() + "/";
            Map<String, byte[]> fixed = Map.of(
                    "/gbfs.json", utf8(snapshots.gbfs().replace(RecordedSnapshots.LIVE_BASE, base)),
                    "/system_information.json", utf8(snapshots.systemInformation()),
                    "/station_information.json", utf8(snapshots.stationInformation()));
            http.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                byte[] body = path.equals("/station_status.json") ? replay.currentStatus() : fixed.get(path);
                respond(exchange, body);
            });
            http.start();
            return replay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Which recorded status snapshot is served at {@code now}: one more per step since start, capped at the last. */
    static int snapshotIndex(Instant start, Instant now, Duration step, int count) {
        long steps = Duration.between(start, now).toMillis() / step.toMillis();
        return (int) Math.min(steps, count - 1);
    }

    private synchronized byte[] currentStatus() {
        if (start == null) {
            start = clock.instant();
        }
        int count = snapshots.statuses().size();
        int index = snapshotIndex(start, clock.instant(), step, count);
        finished |= index == count - 1;
        return snapshots.statuses().get(index);
    }

    /** Whether the last recorded snapshot has been served, so the feed will not change again. */
    boolean finished() {
        return finished;
    }

    int snapshotCount() {
        return snapshots.statuses().size();
    }

    private static void respond(HttpExchange exchange, byte[] body) throws IOException {
        try (exchange) {
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    String gbfsUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/gbfs.json";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

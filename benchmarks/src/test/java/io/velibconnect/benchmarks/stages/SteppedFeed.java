package io.velibconnect.benchmarks.stages;

import io.velibconnect.benchmarks.ServedJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The recorded Vélib' series of 2024-12-15 served as a GBFS feed on 127.0.0.1, one status snapshot at a time as
 * the harness publishes them. Each published snapshot gets a new feed time ({@code lastUpdatedOther}), one minute
 * after the previous one, so the series can be cycled and every snapshot is news to the source; the moment the
 * first request receives it is recorded.
 */
final class SteppedFeed implements AutoCloseable {

    static final String SERIES = "velib/2024-12-15_InfoFlower-timeseries";
    private static final String LIVE_BASE = "https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/";
    private static final Pattern FEED_TIME = Pattern.compile("\"lastUpdatedOther\":(\\d+)");

    private final HttpServer server;
    private final List<String> statuses;
    private final long firstFeedTime;
    private volatile byte[] current;
    private volatile long servedNanos;

    private SteppedFeed(HttpServer server, List<String> statuses) {
        this.server = server;
        this.statuses = statuses;
        Matcher time = FEED_TIME.matcher(statuses.get(0));
        if (!time.find()) {
            throw new IllegalStateException("no lastUpdatedOther in the first recorded snapshot");
        }
        this.firstFeedTime = Long.parseLong(time.group(1));
    }

    static SteppedFeed start(Path testdata) {
        Path series = testdata.resolve(SERIES);
        try (Stream<Path> files = Files.list(series)) {
            List<String> statuses = files.filter(f -> f.getFileName().toString().startsWith("station_status_"))
                    .sorted().map(SteppedFeed::read).toList();
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SteppedFeed feed = new SteppedFeed(http, statuses);
            String base = "http://127.0.0.1:" + http.getAddress().getPort() + "/";
            Map<String, byte[]> fixed = Map.of(
                    "/gbfs.json", utf8(read(series.resolve("gbfs.json")).replace(LIVE_BASE, base)),
                    "/system_information.json", utf8(read(series.resolve("system_information.json"))),
                    "/station_information.json", utf8(read(series.resolve("station_information_2024-12-15T1751Z.json"))));
            http.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                if (path.equals("/station_status.json")) {
                    feed.serveStatus(exchange);
                } else {
                    ServedJson.respond(exchange, fixed.get(path));
                }
            });
            http.start();
            return feed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int snapshots() {
        return statuses.size();
    }

    String gbfsUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/gbfs.json";
    }

    /**
     * Serves the {@code step}-th snapshot of the cycled series from now on, with the feed time
     * {@code first + step minutes}; returns that time, which the totals of its groups will carry.
     */
    Instant publish(int step) {
        long feedTime = firstFeedTime + 60L * step;
        String status = FEED_TIME.matcher(statuses.get(step % statuses.size()))
                .replaceFirst("\"lastUpdatedOther\":" + feedTime);
        synchronized (this) {
            servedNanos = 0;
            current = utf8(status);
        }
        return Instant.ofEpochSecond(feedTime);
    }

    /** {@link System#nanoTime()} when the published snapshot was first sent, or 0 while no request got it. */
    long servedNanos() {
        return servedNanos;
    }

    private void serveStatus(HttpExchange exchange) throws IOException {
        byte[] body;
        synchronized (this) {
            body = current;
            if (body != null && servedNanos == 0) {
                servedNanos = System.nanoTime();
            }
        }
        ServedJson.respond(exchange, body);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

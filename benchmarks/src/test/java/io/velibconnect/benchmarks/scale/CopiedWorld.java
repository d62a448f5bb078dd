package io.velibconnect.benchmarks.scale;

import io.velibconnect.benchmarks.ServedJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.velibconnect.benchmarks.scale.RecordedSystems.Recorded;

/**
 * A world of bike-share systems on 127.0.0.1, served from memory by a JDK HttpServer: {@code /systems.csv} lists
 * {@code systems} copies of the recorded systems, each a slice of {@value #STATIONS_PER_SYSTEM} stations of one of
 * them under its own path ({@code /<n>/gbfs.json}, system_information, station_information, station_status) and
 * its own system_id. Station ids repeat from copy to copy on purpose: only the system id keeps them apart.
 *
 * <p>The harness publishes rounds: round r's status bodies carry feed time {@link #feedTime(int)} and change about
 * a tenth of the stations (a station j of a copy differs from its recording in round r when (j + r) % 10 == 0),
 * so each round after the first re-sends about a fifth (the changed and the changed back). A round is over when
 * every system has been answered once with it; the server notes when its first request came and its last
 * response left.
 */
final class CopiedWorld implements AutoCloseable {

    static final int STATIONS_PER_SYSTEM = 150;
    private static final int CHANGE_EVERY = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Recorded> recorded;
    private final int systems;
    private final long firstFeedTime = System.currentTimeMillis() / 1000 - 3600;
    private final Map<String, byte[]> fixed = new HashMap<>();
    private final AtomicIntegerArray answeredRound;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicLong firstRequestNanos = new AtomicLong();
    private final AtomicLong firstRequestMillis = new AtomicLong();
    private volatile long lastResponseNanos;
    private volatile Round current;

    private record Round(int number, byte[][] status) {
    }

    CopiedWorld(List<Recorded> recorded, int systems) {
        this.recorded = recorded;
        this.systems = systems;
        this.answeredRound = new AtomicIntegerArray(systems);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        StringBuilder csv = new StringBuilder("Country Code,Name,Location,System ID,URL,Auto-Discovery URL,"
                + "Supported Versions\n");
        for (int n = 0; n < systems; n++) {
            String dir = base() + "/" + n + "/";
            csv.append("ZZ,Copy ").append(n).append(",Loopback,").append(id(n)).append(",http://example.org,")
                    .append(dir).append("gbfs.json,2.3\n");
            fixed.put("/" + n + "/gbfs.json", utf8("{\"last_updated\":" + firstFeedTime + ",\"ttl\":0,\"data\":{\"en\""
                    + ":{\"feeds\":[{\"name\":\"system_information\",\"url\":\"" + dir + "system_information.json\"},"
                    + "{\"name\":\"station_information\",\"url\":\"" + dir + "station_information.json\"},"
                    + "{\"name\":\"station_status\",\"url\":\"" + dir + "station_status.json\"}]}}}"));
            fixed.put("/" + n + "/system_information.json", utf8("{\"last_updated\":" + firstFeedTime
                    + ",\"ttl\":86400,\"data\":{\"system_id\":\"" + id(n) + "\",\"language\":\"en\",\"name\":\"Copy "
                    + n + "\",\"timezone\":\"UTC\"}}"));
            // ttl of a day (and ttl.max.ms=-1 on the source): station_information is read once per run
            fixed.put("/" + n + "/station_information.json", body(firstFeedTime, 86400, null,
                    slice(n, recordedOf(n).information(), -1)));
        }
        fixed.put("/systems.csv", utf8(csv.toString()));
        server.start();
    }

    String catalogueUrl() {
        return base() + "/systems.csv";
    }

    int systems() {
        return systems;
    }

    int stations() {
        int stations = 0;
        for (int n = 0; n < systems; n++) {
            stations += Math.min(STATIONS_PER_SYSTEM, recordedOf(n).stations());
        }
        return stations;
    }

    /** Serves round {@code number} from now on; its bodies are generated here, before any request asks for them. */
    void publish(int number) {
        byte[][] status = new byte[systems][];
        for (int n = 0; n < systems; n++) {
            Recorded of = recordedOf(n);
            status[n] = body(feedTime(number), 0, of.version(), slice(n, of.status(), number));
        }
        firstRequestNanos.set(0);
        firstRequestMillis.set(0);
        answered.set(0);
        current = new Round(number, status);
    }

    /** The feed time (epoch seconds) of round {@code number}'s status bodies: a minute apart. */
    long feedTime(int number) {
        return firstFeedTime + 60L * number;
    }

    boolean roundAnswered() {
        return answered.get() == systems;
    }

    long firstRequestNanos() {
        return firstRequestNanos.get();
    }

    long firstRequestMillis() {
        return firstRequestMillis.get();
    }

    long lastResponseNanos() {
        return lastResponseNanos;
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Recorded recordedOf(int n) {
        return recorded.get(n % recorded.size());
    }

    private static String id(int n) {
        return String.format("copy-%04d", n);
    }

    /** Copy n's stations: the next slice of its recorded system, wrapping, with round's changes (none if < 0). */
    private ArrayNode slice(int n, List<ObjectNode> stations, int round) {
        int size = Math.min(STATIONS_PER_SYSTEM, stations.size());
        int from = (n / recorded.size()) * STATIONS_PER_SYSTEM;
        ArrayNode slice = JSON.createArrayNode();
        for (int j = 0; j < size; j++) {
            ObjectNode station = stations.get((from + j) % stations.size());
            slice.add(isChanged(j, round) ? changed(station) : station);
        }
        return slice;
    }

    /** Whether station j of a copy differs from its recording in round {@code round}. */
    private static boolean isChanged(int j, int round) {
        return round > 0 && (j + round) % CHANGE_EVERY == 0;
    }

    /** Stations whose status differs from the round before: the records the source emits in {@code round}. */
    int changedStations(int round) {
        int changed = 0;
        for (int n = 0; n < systems; n++) {
            for (int j = 0; j < Math.min(STATIONS_PER_SYSTEM, recordedOf(n).stations()); j++) {
                changed += isChanged(j, round) != isChanged(j, round - 1) ? 1 : 0;
            }
        }
        return changed;
    }

    /**
     * One dock fewer (or more, where none is free), so the totals change; where a feed counts no docks, one bike
     * fewer (or more), taken from (or given to) its first vehicle type so the types still add up.
     */
    private static ObjectNode changed(ObjectNode station) {
        ObjectNode copy = station.deepCopy();
        String count = station.has("num_docks_available") ? "num_docks_available" : "num_bikes_available";
        int before = station.path(count).asInt();
        int delta = before > 0 ? -1 : 1;
        copy.put(count, before + delta);
        String camel = count.equals("num_docks_available") ? "numDocksAvailable" : "numBikesAvailable";
        if (station.has(camel)) {
            copy.put(camel, before + delta);
        }
        if (count.equals("num_bikes_available") && copy.path("vehicle_types_available").isArray()) {
            for (JsonNode type : copy.path("vehicle_types_available")) {
                if (delta > 0 || type.path("count").asInt() > 0) {
                    ((ObjectNode) type).put("count", type.path("count").asInt() + delta);
                    break;
                }
            }
        }
        return copy;
    }

    private static byte[] body(long feedTime, int ttl, String version, ArrayNode stations) {
        ObjectNode body = JSON.createObjectNode();
        body.put("last_updated", feedTime);
        body.put("ttl", ttl);
        if (version != null) {
            body.put("version", version);
        }
        body.putObject("data").set("stations", stations);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Round round = current;
        int system = -1;
        byte[] body = fixed.get(path);
        if (body == null && path.endsWith("/station_status.json") && round != null) {
            system = Integer.parseInt(path.substring(1, path.indexOf('/', 1)));
            body = round.status()[system];
            if (answeredRound.get(system) != round.number() + 1
                    && firstRequestNanos.compareAndSet(0, System.nanoTime())) {
                firstRequestMillis.set(System.currentTimeMillis());
            }
        }
        ServedJson.respond(exchange, body);
        if (system >= 0 && answeredRound.get(system) != round.number() + 1) {
            // stored +1 so that round 0 differs from "never answered"
            answeredRound.set(system, round.number() + 1);
            lastResponseNanos = System.nanoTime();
            answered.incrementAndGet();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

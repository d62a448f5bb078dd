package io.velibconnect.it;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A JDK HTTP server on 127.0.0.1 serving a MobilityData {@code systems.csv} that lists every {@link ServedSystem},
 * and for each a gbfs.json (written here: none was recorded), its system_information where it has one,
 * station_information, system_regions where it has one and the station_status of the current snapshot.
 */
final class WorldFeeds implements AutoCloseable {

    /** MobilityData's header, in its order; the connector finds its columns by name. */
    private static final String CSV_HEADER = "Country Code,Name,Location,System ID,URL,Auto-Discovery URL,"
            + "Supported Versions,Authentication Info URL,Authentication Type,Authentication Parameter Name";

    private final HttpServer server;
    private final AtomicInteger snapshot = new AtomicInteger();
    private final Map<String, Supplier<String>> bodies = new LinkedHashMap<>();

    WorldFeeds() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (ServedSystem system : ServedSystem.values()) {
            csv.append(String.join(",", "XX", system.name(), "Test", system.path, "https://example.org",
                    url(system, "gbfs.json"), "1.1", "", "", "")).append('\n');
            serve(system, "gbfs.json", gbfsJson(system));
            serve(system, "system_information.json", system.systemInformation());
            serve(system, "station_information.json", system.stationInformation());
            serve(system, "system_regions.json", system.systemRegions());
            bodies.put("/" + system.path + "/station_status.json", () -> system.stationStatus(snapshot.get()));
        }
        bodies.put("/systems.csv", csv::toString);
        server.createContext("/", this::answer);
        server.start();
    }

    private void serve(ServedSystem system, String file, String body) {
        if (body != null) {
            bodies.put("/" + system.path + "/" + file, () -> body);
        }
    }

    private String gbfsJson(ServedSystem system) {
        ArrayNode feeds = ProjectFiles.JSON.createArrayNode();
        for (String feed : new String[] {"system_information", "station_information", "system_regions",
                "station_status"}) {
            boolean served = switch (feed) {
                case "system_information" -> system.systemInformation() != null;
                case "system_regions" -> system.systemRegions() != null;
                default -> true;
            };
            if (served) {
                feeds.addObject().put("name", feed).put("url", url(system, feed + ".json"));
            }
        }
        ObjectNode gbfs = ProjectFiles.JSON.createObjectNode().put("last_updated", 1650348404).put("ttl", 0);
        gbfs.putObject("data").putObject("en").set("feeds", feeds);
        return gbfs.toString();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Supplier<String> body = bodies.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", exchange.getRequestURI().getPath().endsWith(".csv")
                    ? "text/csv" : "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** From now on every station_status is that of {@code next} (0, 1, ...). */
    void serveSnapshot(int next) {
        snapshot.set(next);
    }

    String catalogUrl() {
        return "http://127.0.0.1:" + port() + "/systems.csv";
    }

    String systemId(ServedSystem system) {
        return system.systemId(port());
    }

    private String url(ServedSystem system, String file) {
        return "http://127.0.0.1:" + port() + "/" + system.path + "/" + file;
    }

    private int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

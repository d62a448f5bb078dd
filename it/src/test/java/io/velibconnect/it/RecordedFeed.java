package io.velibconnect.it;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Vélib' feed of 2024-12-15 10:35Z served over local HTTP: gbfs.json (its absolute URLs pointed at this server,
 * under the host name the request used, so that a container reaching it through another name follows them too),
 * station_information and one station_status snapshot. In that snapshot station 16107 (75016 Paris) has 8 bikes
 * (1 mechanical, 7 electric), 27 free docks; station 32017 (93200 Saint-Denis) has 12 bikes (5, 7), 7 docks. Their
 * capacities come from the served station_information ({@link #capacityOf}).
 */
final class RecordedFeed implements AutoCloseable {

    private static final String SERIES = "velib/2024-12-15_InfoFlower-timeseries";
    private static final String LIVE_BASE = "https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/";

    private final MockWebServer server = new MockWebServer();
    private final String information;

    RecordedFeed() {
        Path dir = ProjectFiles.testData(SERIES);
        try {
            server.start(0);
            String gbfs = Files.readString(dir.resolve("gbfs.json"));
            information = Files.readString(dir.resolve("station_information_2024-12-15T1751Z.json"));
            String system = Files.readString(dir.resolve("system_information.json"));
            String status = Files.readString(dir.resolve("station_status_2024-12-15T1035Z.json"));
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return switch (request.getUrl().encodedPath()) {
                        case "/gbfs.json" -> json(gbfs.replace(LIVE_BASE, request.getUrl().resolve("/").toString()));
                        case "/station_information.json" -> json(information);
                        case "/system_information.json" -> json(system);
                        case "/station_status.json" -> json(status);
                        default -> new MockResponse.Builder().code(404).build();
                    };
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    /** The capacity the served station_information gives the station with this code. */
    int capacityOf(String stationCode) {
        try {
            for (JsonNode station : ProjectFiles.JSON.readTree(information).path("data").path("stations")) {
                if (stationCode.equals(station.path("stationCode").asText())) {
                    return station.path("capacity").asInt();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the served station_information has no station " + stationCode);
    }

    String gbfsUrl() {
        return server.url("/gbfs.json").toString();
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}

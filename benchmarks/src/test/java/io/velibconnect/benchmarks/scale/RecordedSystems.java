package io.velibconnect.benchmarks.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The six recorded systems of testdata (Vélib' and testdata/other-systems) the scale stage copies: for each, its
 * stations that appear in both station_information and station_status, in information order, and the top-level
 * {@code version} of its status feed where it has one.
 */
final class RecordedSystems {

    /** name, station_information, station_status (relative to testdata). */
    private static final List<String[]> FILES = List.of(
            new String[] {"velib", "velib/2024-12-15_InfoFlower-timeseries/station_information_2024-12-15T1751Z.json",
                "velib/2024-12-15_InfoFlower-timeseries/station_status_2024-12-15T1313Z.json"},
            new String[] {"bixi", "other-systems/bixi/station_information.json",
                "other-systems/bixi/station_status_2025-05-18T1445Z.json"},
            new String[] {"baywheels", "other-systems/baywheels/station_information.json",
                "other-systems/baywheels/station_status.json"},
            new String[] {"bicing", "other-systems/bicing/station_information.json",
                "other-systems/bicing/station_status_2022-04-19T0606Z.json"},
            new String[] {"oslo", "other-systems/oslo-bysykkel/station_information.json",
                "other-systems/oslo-bysykkel/status-2022-10-23_2.2/station_status_2022-10-23T1903Z.json"},
            new String[] {"velospot", "other-systems/velospot-sharedmobility-ch/station_information.json",
                "other-systems/velospot-sharedmobility-ch/station_status.json"});

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded system: station i's information and status nodes, shared by every copy (never modified). */
    record Recorded(String name, String version, List<ObjectNode> information, List<ObjectNode> status) {

        int stations() {
            return information.size();
        }
    }

    private RecordedSystems() {
    }

    static List<Recorded> read(Path testdata) {
        List<Recorded> systems = new ArrayList<>();
        for (String[] files : FILES) {
            JsonNode information = tree(testdata.resolve(files[1]));
            JsonNode status = tree(testdata.resolve(files[2]));
            Map<String, ObjectNode> statusById = new HashMap<>();
            for (JsonNode station : status.path("data").path("stations")) {
                statusById.put(station.path("station_id").asText(), (ObjectNode) station);
            }
            List<ObjectNode> info = new ArrayList<>();
            List<ObjectNode> counts = new ArrayList<>();
            for (JsonNode station : information.path("data").path("stations")) {
                ObjectNode matching = statusById.get(station.path("station_id").asText());
                if (matching != null) {
                    info.add((ObjectNode) station);
                    counts.add(matching);
                }
            }
            systems.add(new Recorded(files[0], status.path("version").asText(null), info, counts));
        }
        return systems;
    }

    private static JsonNode tree(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recorded feed " + file, e);
        }
    }
}

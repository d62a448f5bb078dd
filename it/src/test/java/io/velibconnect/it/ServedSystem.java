package io.velibconnect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recorded systems {@link WorldFeeds} serves, each under its own path. Bicing's and Bixi's station ids collide
 * (both count from 1), and the Bixi copy is Bixi itself under another system_id: same stations, same ids.
 */
enum ServedSystem {
    /** No system_information recorded: the source names it by the host and path of its gbfs.json. */
    BICING("bicing", "bicing", null, List.of("station_status_2022-04-19T0606Z.json",
            "station_status_2022-05-06T2109Z.json")),
    BIXI("bixi", "bixi", "Bixi_MTL", List.of("station_status_2025-05-18T1445Z.json",
            "station_status_2025-05-18T1958Z.json")),
    BIXI_COPY("bixi-copy", "bixi", "bixi_copy", BIXI.statusFiles),
    BAY_WHEELS("baywheels", "baywheels", "fgb", List.of("station_status.json"));

    /** The prefix of each served path; also the System ID the catalogue lists. */
    final String path;
    private final String dir;
    /** The system_id its served system_information says, null where none is served. */
    private final String systemInformationId;
    private final List<String> statusFiles;

    ServedSystem(String path, String dir, String systemInformationId, List<String> statusFiles) {
        this.path = path;
        this.dir = dir;
        this.systemInformationId = systemInformationId;
        this.statusFiles = statusFiles;
    }

    /** The system_id the source gives its records: system_information's, else host:port/path of its gbfs.json. */
    String systemId(int port) {
        return systemInformationId != null ? systemInformationId : "127.0.0.1:" + port + "/" + path;
    }

    /** The recorded system_information, its system_id replaced for the copy; null where none is served. */
    String systemInformation() {
        if (systemInformationId == null) {
            return null;
        }
        ObjectNode recorded = (ObjectNode) read("system_information.json");
        ((ObjectNode) recorded.get("data")).put("system_id", systemInformationId);
        return recorded.toString();
    }

    String stationInformation() {
        return text("station_information.json");
    }

    /** The station_status served at {@code snapshot} (0, 1, ...): the last recorded one once they run out. */
    String stationStatus(int snapshot) {
        return text(statusFiles.get(Math.min(snapshot, statusFiles.size() - 1)));
    }

    /**
     * A system_regions feed, served for Bay Wheels only: synthesized (none was recorded), its ids the region_ids
     * of the recorded station_information, its names made up.
     */
    String systemRegions() {
        if (this != BAY_WHEELS) {
            return null;
        }
        List<Map<String, String>> regions = new ArrayList<>();
        regionNames().forEach((id, name) -> regions.add(Map.of("region_id", id, "name", name)));
        return ProjectFiles.JSON.createObjectNode().put("last_updated", 1689793615).put("ttl", 5)
                .set("data", ProjectFiles.JSON.createObjectNode().set("regions",
                        ProjectFiles.JSON.valueToTree(regions))).toString();
    }

    /** The names the synthesized system_regions gives, by region_id; empty for the other systems. */
    Map<String, String> regionNames() {
        Map<String, String> names = new TreeMap<>();
        if (this == BAY_WHEELS) {
            for (JsonNode station : stations(read("station_information.json"))) {
                if (station.hasNonNull("region_id")) {
                    String id = station.get("region_id").asText();
                    names.put(id, "Test region " + id);
                }
            }
        }
        return names;
    }

    static JsonNode stations(JsonNode feed) {
        return feed.path("data").path("stations");
    }

    private JsonNode read(String file) {
        try {
            return ProjectFiles.JSON.readTree(text(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String text(String file) {
        try {
            return Files.readString(ProjectFiles.testData("other-systems/" + dir).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

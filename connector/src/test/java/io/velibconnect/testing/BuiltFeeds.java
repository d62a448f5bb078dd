package io.velibconnect.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/**
 * Bodies the tests build from the recorded feeds, in one place so that {@code GbfsSchemaConformanceTest} can check
 * each is valid or broken in exactly the way the tests that serve it claim.
 */
public final class BuiltFeeds {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VELIB_BASE = "https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/";

    private BuiltFeeds() {
    }

    /** A Vélib' gbfs.json whose feed URLs point at {@code base} instead of the operator's host. */
    public static byte[] velibDiscoveryServedFrom(byte[] gbfs, String base) {
        return new String(gbfs, StandardCharsets.UTF_8).replace(VELIB_BASE, base).getBytes(StandardCharsets.UTF_8);
    }

    /** The status body with the first station's num_bikes_available turned into the string "x". */
    public static byte[] firstBikeCountAsText(byte[] status) {
        return new String(status, StandardCharsets.UTF_8)
                .replaceFirst("\"num_bikes_available\":\\d+", "\"num_bikes_available\":\"x\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A Vélib' status or information body without the stations of these codes, published {@code laterSeconds}
     * after the recorded one (lastUpdatedOther), so that a source which already saw the recorded one reads it.
     */
    public static byte[] velibWithoutStations(byte[] body, Set<String> stationCodes, long laterSeconds) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(body);
            Iterator<JsonNode> stations = root.path("data").path("stations").elements();
            while (stations.hasNext()) {
                if (stationCodes.contains(stations.next().path("stationCode").asText())) {
                    stations.remove();
                }
            }
            root.put("lastUpdatedOther", root.path("lastUpdatedOther").asLong() + laterSeconds);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Vélib'-shaped status envelope whose data has no stations list. */
    public static byte[] velibStatusWithoutStations() {
        return "{\"lastUpdatedOther\": 1734268800, \"ttl\": 3600, \"data\": {}}".getBytes(StandardCharsets.UTF_8);
    }
}

package io.velibconnect.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bytes of the state changelog: key = {@code station_id} (UTF-8), value = the station's latest
 * {@link StationState} as JSON, readable with any console consumer when debugging a restore.
 */
public final class ChangelogCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangelogCodec() {
    }

    public static byte[] key(String stationId) {
        return stationId.getBytes(StandardCharsets.UTF_8);
    }

    public static String stationId(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    public static byte[] value(StationState state) {
        try {
            return JSON.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StationState state(byte[] value) throws IOException {
        return JSON.readValue(value, StationState.class);
    }
}

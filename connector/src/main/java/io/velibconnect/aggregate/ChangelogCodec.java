package io.velibconnect.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bytes of the state changelog: key = the station's identity ({@link GroupKey#station}: its {@code station_id},
 * or {@code <system_id>/<station_id>} with group.key=system-group; UTF-8), value = the station's latest
 * {@link StationState} as JSON, readable with any console consumer when debugging a restore. The value holds the
 * system id the identity is rebuilt from; entries written before it was stored read with a null system id.
 */
public final class ChangelogCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangelogCodec() {
    }

    public static byte[] key(String station) {
        return station.getBytes(StandardCharsets.UTF_8);
    }

    public static String station(byte[] key) {
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

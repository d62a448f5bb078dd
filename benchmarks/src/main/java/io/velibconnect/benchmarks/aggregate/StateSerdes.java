package io.velibconnect.benchmarks.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.velibconnect.aggregate.StationState;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The serdes of the Streams peer's stores and repartition topic: JSON (Jackson databind, what most Streams
 * applications use) or a hand-written binary layout (what a tuned one would), chosen by
 * {@code -Dbenchmark.streams.serde=json|binary}.
 */
public record StateSerdes(Serde<StationState> state, Serde<TreeMap<String, StationState>> members) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static StateSerdes of(String kind) {
        return switch (kind) {
            case "json" -> new StateSerdes(json(new TypeReference<>() { }), json(new TypeReference<>() { }));
            case "binary" -> new StateSerdes(Serdes.serdeFrom((topic, s) -> s == null ? null : binary(s),
                    (topic, bytes) -> bytes == null ? null : state(ByteBuffer.wrap(bytes))),
                    Serdes.serdeFrom((topic, m) -> m == null ? null : binary(m),
                            (topic, bytes) -> bytes == null ? null : members(ByteBuffer.wrap(bytes))));
            default -> throw new IllegalArgumentException("benchmark.streams.serde is json or binary, not " + kind);
        };
    }

    private static <T> Serde<T> json(TypeReference<T> type) {
        return Serdes.serdeFrom((topic, value) -> {
            try {
                return value == null ? null : JSON.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, (topic, bytes) -> {
            try {
                return bytes == null ? null : JSON.readValue(bytes, type);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static byte[] binary(StationState s) {
        ByteBuffer buffer = ByteBuffer.allocate(size(s));
        put(buffer, s);
        return buffer.array();
    }

    private static byte[] binary(TreeMap<String, StationState> members) {
        int size = Integer.BYTES;
        for (StationState s : members.values()) {
            size += size(s);
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).putInt(members.size());
        members.values().forEach(s -> put(buffer, s));
        return buffer.array();
    }

    private static TreeMap<String, StationState> members(ByteBuffer buffer) {
        TreeMap<String, StationState> members = new TreeMap<>();
        for (int n = buffer.getInt(); n > 0; n--) {
            StationState s = state(buffer);
            members.put(s.stationId(), s);
        }
        return members;
    }

    private static int size(StationState s) {
        return 3 * Short.BYTES + (s.systemId() == null ? 0 : utf8(s.systemId()).length) + utf8(s.stationId()).length
                + (s.stationCode() == null ? 0 : utf8(s.stationCode()).length) + 4 * Integer.BYTES + 1
                + 3 * Long.BYTES;
    }

    private static void put(ByteBuffer buffer, StationState s) {
        string(buffer, s.systemId());
        string(buffer, s.stationId());
        string(buffer, s.stationCode());
        buffer.putInt(s.bikes()).putInt(s.mechanical()).putInt(s.ebike()).putInt(s.docks())
                .put((byte) (s.lastReported() == null ? 0 : 1))
                .putLong(s.lastReported() == null ? 0 : s.lastReported()).putLong(s.lastUpdated())
                .putLong(s.offset());
    }

    private static StationState state(ByteBuffer buffer) {
        String system = string(buffer);
        String id = string(buffer);
        String code = string(buffer);
        int bikes = buffer.getInt();
        int mechanical = buffer.getInt();
        int ebike = buffer.getInt();
        int docks = buffer.getInt();
        boolean reported = buffer.get() == 1;
        long lastReported = buffer.getLong();
        return new StationState(system, id, code, bikes, mechanical, ebike, docks, reported ? lastReported : null,
                buffer.getLong(), buffer.getLong());
    }

    private static void string(ByteBuffer buffer, String text) {
        if (text == null) {
            buffer.putShort((short) -1);
            return;
        }
        byte[] bytes = utf8(text);
        buffer.putShort((short) bytes.length).put(bytes);
    }

    private static String string(ByteBuffer buffer) {
        short length = buffer.getShort();
        if (length < 0) {
            return null;
        }
        String text = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length,
                StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return text;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.velibconnect.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.TopicPartition;

/**
 * Bytes of the state changelog: key = the station's identity ({@link GroupKey#station}: its {@code station_id},
 * or {@code <system_id>/<station_id>} with group.key=system-group; UTF-8), value = the station's latest
 * {@link StationState} as JSON, readable with any console consumer when debugging a restore, plus the input
 * partition the station's records come from ({@code input_topic}, {@code input_partition}), the totals key of
 * the group it is counted in ({@code group}) and, in an entry written before the totals of a move, that of the
 * group it left ({@code left_group}, absent otherwise). The value holds the system id the identity is rebuilt
 * from; entries written before it was stored read with a null system id, and those written before the group was
 * stored with a null group.
 */
public final class ChangelogCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT_TOPIC = "input_topic";
    private static final String INPUT_PARTITION = "input_partition";
    private static final String GROUP = "group";
    private static final String LEFT_GROUP = "left_group";

    private ChangelogCodec() {
    }

    public static byte[] key(String station) {
        return station.getBytes(StandardCharsets.UTF_8);
    }

    public static String station(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** The value of an entry that holds a state (a station that left the feed is a tombstone). */
    public static byte[] value(ChangelogEntry entry) {
        try {
            return JSON.writeValueAsBytes(new StoredEntry(entry.state(), entry.input().topic(),
                    entry.input().partition(), entry.group(), entry.left()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An entry as written: the state's fields and the entry's own, in one pass (a catching up writes one per
     * station, and a tree of each cost kilobytes of garbage).
     */
    private record StoredEntry(@JsonUnwrapped StationState state, @JsonProperty(INPUT_TOPIC) String inputTopic,
                               @JsonProperty(INPUT_PARTITION) int inputPartition, @JsonProperty(GROUP) String group,
                               @JsonProperty(LEFT_GROUP) @JsonInclude(JsonInclude.Include.NON_NULL) String left) {
    }

    /**
     * Reads an entry; one without an input partition (written before entries had one, by a single task) counts
     * as {@code legacyInput}: the first partition of the connector's first input topic, which is exact for the
     * single-partition status topic of those deployments.
     */
    public static ChangelogEntry entry(byte[] value, TopicPartition legacyInput) throws IOException {
        JsonNode node = JSON.readTree(value);
        if (!(node instanceof ObjectNode fields)) {
            throw new IOException("not a JSON object");
        }
        JsonNode topic = fields.remove(INPUT_TOPIC);
        JsonNode partition = fields.remove(INPUT_PARTITION);
        String group = text(fields.remove(GROUP));
        String left = text(fields.remove(LEFT_GROUP));
        TopicPartition input = topic == null || partition == null ? legacyInput
                : new TopicPartition(topic.asText(), partition.asInt());
        return new ChangelogEntry(JSON.treeToValue(fields, StationState.class), input, group, left);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}

package io.velibconnect.converter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.Schema;

/**
 * A {@link StreamingJsonConverter} that counts the records it leaves to JsonConverter's JSON tree. JsonConverter
 * turns the envelope's schema into a Connect schema ({@code asConnectSchema}) for every record it reads without a
 * fixed schema, and a Connect schema into JSON ({@code asJsonSchema}) for every record it writes with schemas;
 * the direct paths do neither. Both methods recurse into nested schemas: only the outermost call is counted.
 */
final class TreeCountingConverter extends StreamingJsonConverter {

    private int depth;
    private long treeReads;
    private long treeWrites;

    /** Records read by JsonConverter so far (not those it refuses before their schema, such as malformed JSON). */
    long treeReads() {
        return treeReads;
    }

    /** Records written by JsonConverter so far. */
    long treeWrites() {
        return treeWrites;
    }

    @Override
    public Schema asConnectSchema(JsonNode jsonSchema) {
        treeReads += depth == 0 ? 1 : 0;
        depth++;
        try {
            return super.asConnectSchema(jsonSchema);
        } finally {
            depth--;
        }
    }

    @Override
    public ObjectNode asJsonSchema(Schema schema) {
        treeWrites += depth == 0 ? 1 : 0;
        depth++;
        try {
            return super.asJsonSchema(schema);
        } finally {
            depth--;
        }
    }
}

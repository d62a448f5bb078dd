package io.velibconnect.gbfs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads one JSON value of a feed (a station, an envelope field) from a streaming parser into a small tree, with
 * bounds: a string longer than the text limit and a number of more than {@value #MAX_NUMBER_CHARACTERS}
 * characters are kept as an {@link Oversized} placeholder, never as their text; a value larger than
 * {@link FeedLimits#MAX_STATION_SIZE} is skipped to its end and stands as one placeholder.
 */
final class StationTree {

    /** Longer than any count, id or coordinate; the cap keeps BigInteger parsing of digit runs away. */
    static final int MAX_NUMBER_CHARACTERS = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A value that was too large to keep: what {@link StationReader} reports instead of its content. */
    record Oversized(String description) {
    }

    private StationTree() {
    }

    /** The value whose first token is the parser's current one; the parser is left on its last token. */
    static JsonNode read(JsonParser parser, int maxTextLength) throws IOException {
        Deque<ContainerNode<?>> open = new ArrayDeque<>();
        int size = 0;
        for (JsonToken token = parser.currentToken(); ; token = parser.nextToken()) {
            if (token == null) {
                throw new IOException("unexpected end of the body");
            }
            if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                ContainerNode<?> closed = open.pop();
                if (open.isEmpty()) {
                    return closed;
                }
                continue;
            }
            if (token == JsonToken.FIELD_NAME) {
                continue;
            }
            JsonNode value = switch (token) {
                case START_OBJECT -> NODES.objectNode();
                case START_ARRAY -> NODES.arrayNode();
                default -> scalar(parser, token, maxTextLength);
            };
            size += 1 + (value.isTextual() ? value.textValue().length() : 0);
            if (size > FeedLimits.MAX_STATION_SIZE) {
                skipToEnd(parser, open.size() + (value.isContainerNode() ? 1 : 0));
                return oversized("a JSON value of more than " + FeedLimits.MAX_STATION_SIZE
                        + " values and characters");
            }
            ContainerNode<?> parent = open.peek();
            if (parent instanceof ObjectNode object) {
                object.set(parser.currentName(), value);
            } else if (parent instanceof ArrayNode array) {
                array.add(value);
            }
            if (value instanceof ContainerNode<?> container) {
                open.push(container);
            } else if (parent == null) {
                return value;
            }
        }
    }

    static Oversized oversized(JsonNode value) {
        return value instanceof POJONode pojo && pojo.getPojo() instanceof Oversized oversized ? oversized : null;
    }

    private static JsonNode scalar(JsonParser parser, JsonToken token, int maxTextLength) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getTextLength() > maxTextLength
                    ? oversized("a string of " + parser.getTextLength() + " characters, more than " + maxTextLength)
                    : NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getTextLength() > MAX_NUMBER_CHARACTERS
                    ? oversized("a number of " + parser.getTextLength() + " characters")
                    : number(parser, token);
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected token " + token);
        };
    }

    private static JsonNode number(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return NODES.numberNode(parser.getDoubleValue());
        }
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }

    private static JsonNode oversized(String description) {
        return NODES.pojoNode(new Oversized(description));
    }

    /** Consumes the rest of {@code depth} open containers without reading their strings. */
    private static void skipToEnd(JsonParser parser, int depth) throws IOException {
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new IOException("unexpected end of the body");
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
        }
    }
}

package io.velibconnect.gbfs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the worst bodies of the HTTP body cap's size and parses each, printing one line per body: run by
 * {@link FeedParserHeapTest} in a JVM of a small heap, where a parser that holds a body's shape runs out of it.
 */
final class HostileBodies {

    private static final int SIZE = (int) HttpSettings.DEFAULT_MAX_BODY_BYTES;
    private static final String HEAD = "{\"last_updated\": 1700000000, \"data\": {\"stations\": [";
    private static final String TAIL = "]}}";

    private HostileBodies() {
    }

    public static void main(String[] args) {
        FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);
        report("most stations, longest texts", () -> parser.parseInformation(mostStationsLongestTexts()));
        report("one name as long as the body", () -> parser.parseInformation(oneLongName()));
        report("empty stations", () -> parser.parseStatus(repeated("", "{},", "{}")));
        report("one station of a list as long as the body", () -> parser.parseStatus(repeated(
                "{\"station_id\": \"a\", \"num_bikes_available\": 1, \"vehicle_types_available\": [", "{},",
                "{}]}, {\"station_id\": \"b\", \"num_bikes_available\": 2}")));
        report("unique field names", () -> parser.parseStatus(uniqueFieldNames()));
    }

    private interface Parse {
        FeedSnapshot<?> run() throws FeedException;
    }

    private static void report(String shape, Parse parse) {
        try {
            FeedSnapshot<?> snapshot = parse.run();
            System.out.println(shape + ": " + snapshot.stations().size() + " stations, "
                    + snapshot.rejections().size() + " rejected");
        } catch (FeedException e) {
            System.out.println(shape + ": refused: " + e.getMessage());
        }
    }

    /** As many stations as the cap allows, each filled up to an equal share of the body with name and address. */
    private static byte[] mostStationsLongestTexts() {
        int stations = FeedLimits.DEFAULT_MAX_STATIONS_PER_FEED;
        int share = (SIZE - HEAD.length() - TAIL.length()) / stations;
        int text = (share - informationStation(stations, "", "").length - 1) / 2;
        String name = "n".repeat(text);
        String address = "a".repeat(text);
        ByteBuffer body = ByteBuffer.wrap(new byte[SIZE]);
        body.put(ascii(HEAD));
        for (int i = 0; i < stations; i++) {
            body.put(informationStation(i, name, address));
            if (i < stations - 1) {
                body.put((byte) ',');
            }
        }
        return close(body);
    }

    private static byte[] informationStation(int id, String name, String address) {
        return ascii("{\"station_id\": \"" + id + "\", \"stationCode\": \"" + id + "\", \"name\": \"" + name
                + "\", \"address\": \"" + address + "\", \"lat\": 48.8566, \"lon\": 2.3522, \"capacity\": 30}");
    }

    private static byte[] oneLongName() {
        String before = HEAD + "{\"station_id\": \"a\", \"lat\": 1, \"lon\": 2, \"name\": \"";
        String after = "\"}, {\"station_id\": \"b\", \"name\": \"ok\", \"lat\": 1, \"lon\": 2}" + TAIL;
        byte[] body = new byte[SIZE];
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(ascii(before), 0, body, 0, before.length());
        System.arraycopy(ascii(after), 0, body, SIZE - after.length(), after.length());
        return body;
    }

    /** A station list of {@code first}, {@code unit} repeated to fill the body, then {@code last}. */
    private static byte[] repeated(String first, String unit, String last) {
        ByteBuffer body = ByteBuffer.wrap(new byte[SIZE]);
        body.put(ascii(HEAD + first));
        byte[] piece = ascii(unit);
        while (body.remaining() >= piece.length + last.length() + TAIL.length()) {
            body.put(piece);
        }
        body.put(ascii(last));
        return close(body);
    }

    /** Stations of a thousand fields each, no field name twice in the body: the parser must not keep names. */
    private static byte[] uniqueFieldNames() {
        ByteBuffer body = ByteBuffer.wrap(new byte[SIZE]);
        body.put(ascii(HEAD));
        int field = 0;
        int station = 0;
        while (body.remaining() > 20_000) {
            StringBuilder text = new StringBuilder(station == 0 ? "{" : ",{");
            text.append("\"station_id\": ").append(station++).append(", \"num_bikes_available\": 1");
            for (int i = 0; i < 1000; i++) {
                text.append(", \"f").append(field++).append("\": 0");
            }
            body.put(ascii(text.append('}').toString()));
        }
        return close(body);
    }

    /** Closes the station list and pads the rest of the body with whitespace, which JSON allows after the document. */
    private static byte[] close(ByteBuffer body) {
        body.put(ascii(TAIL));
        Arrays.fill(body.array(), body.position(), body.capacity(), (byte) ' ');
        return body.array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

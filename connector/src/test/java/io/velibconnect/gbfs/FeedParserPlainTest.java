package io.velibconnect.gbfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.velibconnect.testing.TestData;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Stations of the usual shape are read straight from the tokens ({@link PlainStatus}), others as a tree: both
 * must give the same snapshot. A field of an unknown object value makes any station be read as a tree, so each
 * body is parsed as it is and with {@code "zz":{}} added to every station, and the two snapshots compared.
 */
class FeedParserPlainTest {

    private final FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);

    @Test
    void recordedFeedsReadTheSameEitherWay() throws IOException {
        int compared = 0;
        try (Stream<Path> files = Files.walk(TestData.dir("."))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("station_status")).toList()) {
                byte[] body = Files.readAllBytes(file);
                assertEquals(parsed(asTrees(body)), parsed(body), file.toString());
                compared++;
            }
        }
        assertEquals(true, compared > 40, compared + " feeds compared");
    }

    @Test
    void unusualStationsReadTheSameEitherWay() {
        List<String> stations = List.of(
                "\"station_id\":213688169,\"num_bikes_available\":8,\"numBikesAvailable\":8,"
                        + "\"num_bikes_available_types\":[{\"mechanical\":1},{\"ebike\":7}],\"num_docks_available\":27,"
                        + "\"numDocksAvailable\":27,\"is_installed\":1,\"is_returning\":1,\"is_renting\":1,"
                        + "\"last_reported\":1734255053,\"stationCode\":\"16107\"",
                "\"station_id\":\"a\",\"numBikesAvailable\":3,\"numDocksAvailable\":2",
                "\"station_id\":\"a\",\"num_bikes_available\":3,\"num_bikes_available\":4",
                "\"station_id\":\"a\",\"num_bikes_available\":3,\"numBikesAvailable\":-4,\"numDocksAvailable\":5,"
                        + "\"num_docks_available\":6,\"numBikesAvailable\":\"x\"",
                "\"station_id\":\"a\",\"num_bikes_available\":3,\"numBikesAvailable\":[1]",
                "\"station_id\":\"a\",\"num_bikes_available\":null",
                "\"station_id\":\"\",\"num_bikes_available\":1",
                "\"station_id\":21130527571,\"stationCode\":7101,\"num_bikes_available\":1",
                "\"station_id\":123456789012345678901234567890,\"num_bikes_available\":1",
                "\"station_id\":1.0,\"num_bikes_available\":1",
                "\"station_id\":-7,\"num_bikes_available\":-0,\"is_installed\":-0",
                "\"station_id\":123456789012345678,\"num_bikes_available\":1",
                "\"station_id\":1234567890123456789,\"num_bikes_available\":1",
                "\"station_id\":\"a\",\"num_bikes_available\":2147483647,\"num_docks_available\":2147483648",
                "\"station_id\":\"a\",\"num_bikes_available\":1,\"last_reported\":999999999999999999",
                "\"station_id\":\"a\",\"num_bikes_available\":1,\"last_reported\":-0",
                "\"station_id\":\"a\",\"num_bikes_available\":-1",
                "\"station_id\":\"a\",\"num_bikes_available\":2147483648",
                "\"station_id\":\"a\",\"num_bikes_available\":\"3\"",
                "\"station_id\":\"a\",\"num_bikes_available\":1,\"is_renting\":true,\"is_returning\":false,"
                        + "\"is_installed\":2",
                "\"station_id\":\"a\",\"num_bikes_available\":1,\"is_renting\":true,\"is_returning\":0,"
                        + "\"is_installed\":false",
                "\"station_id\":\"a\",\"num_bikes_available\":1,\"last_reported\":-1",
                "\"station_id\":\"a\",\"num_bikes_available\":1,\"last_reported\":253402300800",
                "\"station_id\":\"a\",\"num_bikes_available\":1,\"last_reported\":\"2024-12-15T10:35:00Z\"",
                "\"station_id\":\"a\",\"num_bikes_available\":5,\"num_bikes_available_types\":"
                        + "[{\"mechanical\":2,\"mechanical\":3},{\"ebike\":1,\"other\":4}]",
                "\"station_id\":\"a\",\"num_bikes_available\":5,\"num_bikes_available_types\":"
                        + "[{\"mechanical\":2147483647},{\"ebike\":1}]",
                "\"station_id\":\"a\",\"num_bikes_available\":5,\"num_bikes_available_types\":"
                        + "[{\"mechanical\":2147483647},{\"mechanical\":1}]",
                "\"station_id\":\"a\",\"num_bikes_available\":5,\"num_bikes_available_types\":[{\"other\":-1}]",
                "\"station_id\":\"a\",\"num_bikes_available\":5,\"num_bikes_available_types\":[3]",
                "\"station_id\":\"a\",\"num_bikes_available\":5,\"num_bikes_available_types\":{\"ebike\":2}",
                "\"station_id\":\"a\",\"num_bikes_available\":5,\"num_ebikes_available\":2",
                "\"station_id\":\"a\",\"num_vehicles_available\":5",
                "\"station_id\":\"" + "k".repeat(FeedLimits.MAX_KEY_LENGTH + 1) + "\",\"num_bikes_available\":1",
                "\"station_id\":\"b\",\"num_bikes_available\":1,\"note\":\"" + "n".repeat(5_000) + "\",\"n\":1e400");
        for (String station : stations) {
            assertEquals(parsed(body("\"zz\":{}," + station)), parsed(body(station)), station);
        }
    }

    /**
     * The plain reading expects each station's names in the order of the station before: stations whose fields
     * come in ever other orders, more fields than it remembers, and bike types in either order, read as trees do.
     */
    @Test
    void stationsOfChangingFieldOrderReadTheSameEitherWay() throws IOException {
        List<String> fields = new ArrayList<>(List.of("\"num_bikes_available\":8", "\"numBikesAvailable\":8",
                "\"num_docks_available\":27", "\"numDocksAvailable\":27", "\"is_installed\":1",
                "\"is_returning\":1", "\"is_renting\":0", "\"last_reported\":1734258894", "\"stationCode\":\"16107\"",
                "\"name\":\"x\"", "\"num_bikes_available_types\":[{\"mechanical\":1},{\"ebike\":7}]"));
        Random random = new Random(7);
        StringBuilder stations = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            Collections.shuffle(fields, random);
            List<String> station = new ArrayList<>(fields.subList(0, random.nextInt(fields.size() + 1)));
            station.add(random.nextInt(station.size() + 1), "\"station_id\":" + i);
            if (i % 7 == 0) {
                station.replaceAll(f -> f.replace("{\"mechanical\":1},{\"ebike\":7}", "{\"ebike\":7},{\"mechanical\":1}"));
            }
            if (i % 11 == 0) {
                for (int extra = 0; extra < 40; extra++) {
                    station.add("\"extra" + extra + "\":" + extra);
                }
            }
            stations.append(i == 0 ? "" : ",").append('{').append(String.join(",", station)).append('}');
        }
        byte[] body = ("{\"lastUpdatedOther\":1734258950,\"data\":{\"stations\":[" + stations + "]}}")
                .getBytes(StandardCharsets.UTF_8);
        String plain = parsed(body);
        assertEquals(parsed(asTrees(body)), plain);
        assertEquals(true, plain.contains("stationId=199"), "the last station is read");
    }

    @Test
    void aUtf16BodyReadsAsItsUtf8Twin() {
        String station = "\"station_id\":\"a\",\"num_bikes_available\":1,\"name\":\"Hôtel\"";
        byte[] utf8 = body(station);
        byte[] utf16 = new String(utf8, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16BE);
        assertEquals(parsed(utf8), parsed(utf16));
    }

    /** A body of the station twice (a repeated key) and another one. */
    private static byte[] body(String station) {
        return ("{\"lastUpdatedOther\":1734258950,\"data\":{\"stations\":[{" + station + "},{" + station
                + "},{\"station_id\":\"last\",\"num_bikes_available\":0}]}}").getBytes(StandardCharsets.UTF_8);
    }

    /** The body with {@code "zz":{}} first in every station of data.stations. */
    private static byte[] asTrees(byte[] body) throws IOException {
        JsonFactory json = new JsonFactory();
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (JsonParser in = json.createParser(body); JsonGenerator out = json.createGenerator(copy)) {
            while (in.nextToken() != null) {
                out.copyCurrentEvent(in);
                JsonStreamContext list = in.getParsingContext().getParent();
                if (in.currentToken() == JsonToken.START_OBJECT && list != null && list.inArray()
                        && "stations".equals(list.getParent().getCurrentName())) {
                    out.writeFieldName("zz");
                    out.writeStartObject();
                    out.writeEndObject();
                }
            }
        }
        return copy.toByteArray();
    }

    private String parsed(byte[] body) {
        try {
            FeedSnapshot<StationStatus> snapshot = parser.parseStatus(body);
            return snapshot.stations() + "\n" + snapshot.rejections() + "\n" + snapshot.lastUpdated();
        } catch (FeedException e) {
            return e.getMessage();
        }
    }
}

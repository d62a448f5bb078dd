package io.velibconnect.converter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.records.StationSchemas;
import io.velibconnect.source.StationRecords;
import io.velibconnect.testing.TestData;
import org.apache.kafka.connect.json.JsonConverter;

/** Every station of every recorded feed, as JsonConverter (with schemas) writes its status or information. */
record RecordedStationRecords(List<byte[]> statuses, List<byte[]> informations) {

    static final String TOPIC = "velib-projet";

    static RecordedStationRecords read() throws Exception {
        FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);
        JsonConverter writer = new JsonConverter();
        writer.configure(Map.of(), false);
        List<byte[]> statuses = new ArrayList<>();
        List<byte[]> informations = new ArrayList<>();
        for (Path file : files()) {
            byte[] body = Files.readAllBytes(file);
            if (file.getFileName().toString().startsWith("station_status")) {
                parser.parseStatus(body).stations().forEach(s -> statuses.add(writer.fromConnectData(TOPIC,
                        StationSchemas.STATUS, StationRecords.status(s, "velib"))));
            } else {
                parser.parseInformation(body).stations().forEach(s -> informations.add(writer.fromConnectData(
                        TOPIC, StationSchemas.INFORMATION, StationRecords.information(s, "velib"))));
            }
        }
        return new RecordedStationRecords(statuses, informations);
    }

    private static List<Path> files() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("velib", "other-systems")) {
            try (Stream<Path> walk = Files.walk(TestData.dir(dir))) {
                walk.filter(p -> p.getFileName().toString().matches("station_(status|information).*\\.json"))
                        .sorted().forEach(files::add);
            }
        }
        return files;
    }
}

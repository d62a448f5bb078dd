package io.velibconnect.benchmarks.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.velibconnect.benchmarks.TestData;
import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.FeedSnapshot;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.source.StationDiff;

/**
 * One poll of a real Vélib' station_status (1,486 stations, 411 KB) as the source does it: {@link FeedParser} then
 * {@link StationDiff} against the fingerprints of the snapshot two minutes earlier; against a naive Jackson tree
 * parse walked into the same {@link StationStatus} records (then the same diff, so only the parsing differs), and
 * against Jackson's streaming parser reading every token and keeping nothing, the floor of any parser of these
 * bytes; and the diff alone on the parsed snapshot, to tell what of our cost is parsing. Each operation is one
 * poll. Uses only the connector's public API.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FeedBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();

    private final FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);
    private byte[] body;
    private Map<String, Long> emitted;
    private FeedSnapshot<StationStatus> parsed;

    @Setup
    public void setUp() throws IOException, FeedException {
        FeedSnapshot<StationStatus> before = parser.parseStatus(Files.readAllBytes(TestData.file(TestData.VELIB_STATUS)));
        emitted = diff(before).emitted();
        body = Files.readAllBytes(TestData.file(TestData.VELIB_STATUS_NEXT));
        parsed = parser.parseStatus(body);
        StationDiff.Result<StationStatus> poll = feedParserAndDiff();
        if (poll.changed().isEmpty() || poll.unchanged() == 0) {
            throw new IllegalStateException("the two snapshots should differ in some stations, not all: "
                    + poll.changed().size() + " changed, " + poll.unchanged() + " unchanged");
        }
        if (!naiveTreeAndDiff().changed().equals(poll.changed())) {
            throw new IllegalStateException("the tree walk does not read the same records as FeedParser");
        }
    }

    @Benchmark
    public StationDiff.Result<StationStatus> feedParserAndDiff() throws FeedException {
        return diff(parser.parseStatus(body));
    }

    @Benchmark
    public StationDiff.Result<StationStatus> stationDiffOnly() {
        return diff(parsed);
    }

    @Benchmark
    public StationDiff.Result<StationStatus> naiveTreeAndDiff() throws IOException {
        JsonNode root = MAPPER.readTree(body);
        Instant lastUpdated = Instant.ofEpochSecond(root.path("lastUpdatedOther").asLong());
        List<StationStatus> stations = new ArrayList<>();
        for (JsonNode s : root.path("data").path("stations")) {
            Integer mechanical = null;
            Integer ebike = null;
            for (JsonNode type : s.path("num_bikes_available_types")) {
                mechanical = type.has("mechanical") ? Integer.valueOf(type.get("mechanical").intValue()) : mechanical;
                ebike = type.has("ebike") ? Integer.valueOf(type.get("ebike").intValue()) : ebike;
            }
            stations.add(new StationStatus(s.get("station_id").asText(), s.path("stationCode").textValue(),
                    s.get("num_bikes_available").intValue(), mechanical, ebike, s.get("num_docks_available").intValue(),
                    flag(s, "is_installed"), flag(s, "is_renting"), flag(s, "is_returning"),
                    Instant.ofEpochSecond(s.get("last_reported").longValue()), lastUpdated));
        }
        return StationDiff.diff(emitted, stations, StationStatus::key, StationStatus::fingerprint, false, List.of());
    }

    @Benchmark
    public int jacksonStreamingTokens() throws IOException {
        int tokens = 0;
        try (JsonParser tokenizer = FACTORY.createParser(body)) {
            while (tokenizer.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }

    private StationDiff.Result<StationStatus> diff(FeedSnapshot<StationStatus> snapshot) {
        return StationDiff.diff(emitted == null ? Map.of() : emitted, snapshot.stations(), StationStatus::key,
                StationStatus::fingerprint, false, snapshot.rejections());
    }

    private static Boolean flag(JsonNode station, String field) {
        return station.get(field).intValue() != 0;
    }
}

package io.velibconnect.benchmarks.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import io.velibconnect.aggregate.TotalsRecords;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * The Kafka Streams peer (with JSON or binary state serdes) and our connector, over the same input, end with the
 * same totals table.
 */
class StreamsAgreementIT {

    @Test
    void streamsAndTheAggregatorAgreeOnTheFinalTable() throws Exception {
        try (TotalsRace race = new TotalsRace()) {
            long records = race.load("status", "stations", 2);
            assertEquals(2L * 12 * 1486, records);
            race.runAggregator("aggregator", "status", "stations", "totals-ours", records);
            race.runStreams("streams-totals", "status", "totals-streams", records, StateSerdes.of("json"));
            race.runStreams("streams-binary", "status", "totals-binary", records, StateSerdes.of("binary"));

            Map<String, Struct> ours = race.table("totals-ours");
            Map<String, Struct> streams = race.table("totals-streams");
            assertEquals(86, ours.size());
            assertEquals(16_886, ours.values().stream()
                    .mapToLong(s -> s.getInt64(TotalsRecords.TOTAL_BIKES_AVAILABLE)).sum());
            assertEquals(ours, streams);
            assertEquals(ours, race.table("totals-binary"), "the peer with binary state serdes");
        }
    }
}

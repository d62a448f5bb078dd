package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.apache.kafka.test.TestUtils;

/** Reads a totals topic back as a table: the latest record per group key, tombstones removing the key. */
final class TotalsTable {

    private final JsonConverter converter = new JsonConverter();
    private final Map<String, GroupTotals> table = new TreeMap<>();

    TotalsTable() {
        converter.configure(Map.of("schemas.enable", "true"), false);
    }

    TotalsTable add(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String group = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                table.remove(group);
            } else {
                table.put(group, totals(group, (Struct) converter.toConnectData(record.topic(), record.value()).value()));
            }
        }
        return this;
    }

    Map<String, GroupTotals> table() {
        return table;
    }

    /** Waits until the table of {@code topic} equals {@code expected}; fails showing the last table read. */
    static void await(EmbeddedKafkaCluster kafka, String topic, Map<String, GroupTotals> expected)
            throws InterruptedException {
        AtomicReference<Map<String, GroupTotals>> seen = new AtomicReference<>();
        try {
            TestUtils.waitForCondition(() -> {
                seen.set(new TotalsTable().add(kafka.consumeAll(10_000, topic)).table());
                return expected.equals(seen.get());
            }, 60_000, 500, () -> "totals in " + topic + " never matched the fresh computation");
        } catch (AssertionError e) {
            assertEquals(expected, seen.get(), e.getMessage());
        }
    }

    private static GroupTotals totals(String group, Struct s) {
        Date lastReported = (Date) s.get(TotalsRecords.LAST_REPORTED);
        GroupLabels labels = new GroupLabels(s.getString(TotalsRecords.POSTCODE), s.getString(TotalsRecords.CITY),
                s.getString(TotalsRecords.REGION), s.getString(TotalsRecords.REGION_NAME),
                s.getString(TotalsRecords.H3), s.getString(TotalsRecords.SYSTEM_ID));
        return new GroupTotals(group, labels,
                s.getInt32(TotalsRecords.STATIONS), s.getInt64(TotalsRecords.TOTAL_BIKES_AVAILABLE),
                s.getInt64(TotalsRecords.TOTAL_MECHANICAL_BIKES), s.getInt64(TotalsRecords.TOTAL_ELECTRIC_BIKES),
                s.getInt64(TotalsRecords.TOTAL_DOCKS_AVAILABLE), s.getInt64(TotalsRecords.TOTAL_CAPACITY),
                ((Date) s.get(TotalsRecords.TIMESTAMP)).getTime(), lastReported == null ? null : lastReported.getTime());
    }
}

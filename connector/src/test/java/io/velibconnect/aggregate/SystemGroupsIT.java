package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.velibconnect.gbfs.StationInformation;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.records.StationKey;
import io.velibconnect.records.StationSchemas;
import io.velibconnect.records.SystemScopedKey;
import io.velibconnect.source.StationRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bicing, Bixi and Vélospot (whose station ids collide) in one status topic and one information topic, as a
 * source with station.key=system-code writes them, aggregated with group.key=system-group in a real Connect
 * cluster: every (system, region) and every (system, H3 cell) total equals a fresh computation from the recorded
 * files, and each system's totals are in one partition of the totals topic.
 */
class SystemGroupsIT {

    private static final long TIMEOUT_MS = 60_000;
    private static EmbeddedConnectCluster connect;
    private static KafkaProducer<byte[], byte[]> producer;
    private static final JsonConverter JSON = new JsonConverter();

    @BeforeAll
    static void startCluster() {
        Map<String, String> worker = new HashMap<>();
        worker.put("offset.flush.interval.ms", "500");
        worker.put("key.converter", StringConverter.class.getName());
        worker.put("value.converter", JsonConverter.class.getName());
        worker.put("value.converter.schemas.enable", "true");
        connect = new EmbeddedConnectCluster.Builder().name("system-groups-it").numWorkers(1).numBrokers(1)
                .workerProps(worker).build();
        connect.start();
        producer = connect.kafka().createProducer(Map.of());
        JSON.configure(Map.of("schemas.enable", "true"), false);
    }

    @AfterAll
    static void stopCluster() {
        if (producer != null) {
            producer.close();
        }
        if (connect != null) {
            connect.stop();
        }
    }

    private static void send(String topic, String key, Schema schema, Object value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                JSON.fromConnectData(topic, schema, value)));
    }

    @ParameterizedTest
    @EnumSource(value = GroupBy.class, names = {"REGION", "H3"})
    void everySystemsGroupsEqualAFreshComputation(GroupBy by) throws Exception {
        String name = "systems-" + by.configValue();
        String status = name + "-status";
        String information = name + "-stations";
        String totals = name + "-totals";
        connect.kafka().createTopic(status, 2);
        connect.kafka().createTopic(information, 1, 1, Map.of("cleanup.policy", "compact"));
        connect.kafka().createTopic(totals, 3);
        for (OtherSystems system : OtherSystems.values()) {
            for (StationInformation info : system.information()) {
                send(information, StationKey.SYSTEM_CODE.recordKey(system.systemId, info.key()),
                        StationSchemas.INFORMATION, StationRecords.information(info, system.systemId));
            }
        }
        producer.flush();

        Map<String, String> config = new HashMap<>();
        config.put("connector.class", VelibAggregatorConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", status);
        config.put(AggregatorConfig.OUTPUT_TOPIC, totals);
        config.put(AggregatorConfig.METADATA_TOPIC, information);
        config.put(AggregatorConfig.GROUP_BY, by.configValue());
        config.put(AggregatorConfig.GROUP_KEY, GroupKey.SYSTEM_GROUP.configValue());
        config.put(AggregatorConfig.BOOTSTRAP_SERVERS, connect.kafka().bootstrapServers());
        connect.configureConnector(name, config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "aggregator not running");

        for (OtherSystems system : OtherSystems.values()) {
            for (StationStatus s : system.status()) {
                send(status, StationKey.SYSTEM_CODE.recordKey(system.systemId, s.key()), StationSchemas.STATUS,
                        StationRecords.status(s, system.systemId));
            }
        }
        producer.flush();

        TotalsTable.await(connect.kafka(), totals, SystemGroupingTest.fresh(by));
        Map<String, Set<Integer>> partitions = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consumeAll(TIMEOUT_MS, totals)) {
            String system = SystemScopedKey.systemOf(new String(record.key(), StandardCharsets.UTF_8));
            partitions.computeIfAbsent(system, s -> new TreeSet<>()).add(record.partition());
        }
        assertEquals(Set.of("Bixi_MTL", "bicing", "velospot"), partitions.keySet());
        partitions.forEach((system, used) -> assertEquals(1, used.size(), system + " totals in partitions " + used));
        connect.deleteConnector(name);
    }
}

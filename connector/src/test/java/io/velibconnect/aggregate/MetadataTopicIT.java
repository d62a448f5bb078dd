package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.velibconnect.aggregate.metadata.FeedStation;
import io.velibconnect.aggregate.metadata.MetadataTopic;
import io.velibconnect.gbfs.StationInformation;
import io.velibconnect.converter.StreamingJsonConverter;
import io.velibconnect.records.StationKey;
import io.velibconnect.records.StationSchemas;
import io.velibconnect.source.StationRecords;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The information topic as a task follows it once it exists: stations written later (a source that started after
 * the aggregator) reach the table at the next {@link MetadataTopic#poll} that finds any, all of them, not one
 * max.poll.records batch nor one fetch. An idle aggregator task is put() only about once per offset flush (10 s in
 * config/connect-distributed.properties), so a batch per call left most of Bixi's stations without capacity or
 * group for minutes.
 */
class MetadataTopicIT {

    private static final String TOPIC = "metadata-topic-it";
    private static final int MAX_POLL_RECORDS = 50;

    private EmbeddedConnectCluster connect;

    @AfterEach
    void stop() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void aPollCatchesUpWithEveryStationWritten() throws Exception {
        connect = new EmbeddedConnectCluster.Builder().name("metadata-topic-it").numWorkers(0).numBrokers(1).build();
        connect.start();
        connect.kafka().createTopic(TOPIC, 1);
        StreamingJsonConverter converter = new StreamingJsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), false);
        Map<String, Object> consumer = new HashMap<>();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers());
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        // a few dozen stations per fetch: catching up takes several fetches
        consumer.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 65_536);
        List<StationInformation> bixi = OtherSystems.BIXI.information();
        try (MetadataTopic topic = new MetadataTopic(TOPIC, converter, consumer, () -> { })) {
            assertEquals(List.of(), topic.readToEnd(), "the topic is empty when the task starts");
            // 300 stations: six max.poll.records batches, several fetches
            List<StationInformation> written = bixi.subList(0, 300);
            try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of())) {
                for (StationInformation info : written) {
                    String key = StationKey.SYSTEM_CODE.recordKey(OtherSystems.BIXI.systemId, info.key());
                    producer.send(new ProducerRecord<>(TOPIC, key.getBytes(StandardCharsets.UTF_8),
                            converter.fromConnectData(TOPIC, StationSchemas.INFORMATION,
                                    StationRecords.information(info, OtherSystems.BIXI.systemId))));
                }
            }

            List<FeedStation> first = List.of();
            for (int attempt = 0; attempt < 100 && first.isEmpty(); attempt++) {
                Thread.sleep(100);
                first = topic.poll();
            }
            assertEquals(written.size(), first.size(), "stations the first poll that found any returned");
            assertEquals(written.stream().map(StationInformation::stationId).toList(),
                    first.stream().map(FeedStation::stationId).toList());
        }
    }
}

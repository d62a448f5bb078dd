package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import io.velibconnect.records.SystemPartitioner;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    @Test
    void defaultsFillWhatTheUserLeftOut() {
        Map<String, Object> settings = ProducerSettings.of(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092"));

        assertEquals("b:9092", settings.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("all", settings.get(ProducerConfig.ACKS_CONFIG));
        assertEquals(SystemPartitioner.class.getName(), settings.get(ProducerConfig.PARTITIONER_CLASS_CONFIG));
        assertEquals(256 * 1024, settings.get(ProducerConfig.BATCH_SIZE_CONFIG),
                "a catch-up's totals of one system fill far more than the client's 16 KB per request");
        assertEquals("lz4", settings.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
    }

    @Test
    void theUsersProducerKeysWin() {
        Map<String, Object> user = Map.of(ProducerConfig.BATCH_SIZE_CONFIG, "16384", ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.PARTITIONER_CLASS_CONFIG, "com.example.Partitioner", ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");

        assertEquals(user, ProducerSettings.of(user));
    }
}

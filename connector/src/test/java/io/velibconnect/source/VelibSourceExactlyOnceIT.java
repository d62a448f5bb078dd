package io.velibconnect.source;

import io.velibconnect.testing.RecordedVelibServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The connector on a distributed worker with {@code exactly.once.source.support=enabled}, created with
 * {@code exactly.once.support=required} (which Connect refuses unless the connector says SUPPORTED), read with
 * {@code isolation.level=read_committed}: the first snapshot, then only the changes, then after a restart
 * nothing re-sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VelibSourceExactlyOnceIT {

    private static final String CONNECTOR = "velib-source-eos";

    private EmbeddedConnectCluster connect;
    private RecordedVelibServer feeds;
    private VelibSourceConnectorIT.TopicReader status;

    @BeforeAll
    void start() throws Exception {
        feeds = new RecordedVelibServer();
        connect = VelibSourceConnectorIT.startCluster(Map.of("exactly.once.source.support", "enabled"));
        status = new VelibSourceConnectorIT.TopicReader(connect, VelibSourceConnectorIT.STATUS_TOPIC,
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    }

    @AfterAll
    void stop() {
        status.close();
        connect.stop();
        feeds.close();
    }

    @Test
    void transactionalBatchesCarryEveryStationThenOnlyChangesAcrossARestart() throws Exception {
        Map<String, String> config = VelibSourceConnectorIT.connectorConfig(feeds.gbfsUrl());
        config.put("exactly.once.support", "required");
        config.put("transaction.boundary", "poll");
        config.put("information.topic", "");
        feeds.serveSnapshot("1452");
        connect.configureConnector(CONNECTOR, config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, "source not running");

        assertEquals(1486, VelibSourceConnectorIT.keys(status.read(1486)).size());

        feeds.serveSnapshot("1453");
        Set<String> changes = VelibSourceConnectorIT.changedKeys("1452", "1453");
        assertEquals(changes, VelibSourceConnectorIT.keys(status.read(changes.size())));

        connect.stopConnector(CONNECTOR);
        connect.assertions().assertConnectorIsStopped(CONNECTOR, "not stopped");
        feeds.serveSnapshot("1454");
        connect.resumeConnector(CONNECTOR);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, "not resumed");

        Set<String> afterRestart = VelibSourceConnectorIT.changedKeys("1453", "1454");
        assertEquals(afterRestart, VelibSourceConnectorIT.keys(status.read(afterRestart.size())));
        status.assertNothingMore();
    }
}

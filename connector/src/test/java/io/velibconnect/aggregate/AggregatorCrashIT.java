package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.velibconnect.testing.ForkedConnectWorker;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker running the aggregator's task is killed with SIGKILL mid-series: one Connect cluster of a worker in
 * a child JVM (where the aggregator's task runs) and one in this JVM (where the source runs, so the feed goes
 * on), on a broker in this JVM. After the kill the task moves to the surviving worker, restores its state from
 * the changelog, and after the last snapshot the totals topic equals a fresh computation, field for field.
 */
class AggregatorCrashIT {

    private static final long TIMEOUT_MS = 60_000;
    private static final int SIGKILL_EXIT = 128 + 9;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> WORKER = new HashMap<>();
    private static EmbeddedConnectCluster connect;
    private static ForkedConnectWorker child;
    private static SeriesPipeline pipeline;

    @BeforeAll
    static void startBroker() {
        WORKER.putAll(ForkedConnectWorker.clusterProps("crash-it"));
        connect = new EmbeddedConnectCluster.Builder().name("crash-it").numWorkers(0).numBrokers(1)
                .workerProps(WORKER).build();
        connect.start();
    }

    @AfterAll
    static void stopAll() {
        if (child != null) {
            child.close();
        }
        if (pipeline != null) {
            pipeline.feed().close();
        }
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void workerRunningTheTaskKilledMidSeries() throws Exception {
        pipeline = SeriesPipeline.create("crash", connect.kafka());
        Map<String, String> childProps = new HashMap<>(WORKER);
        childProps.put("bootstrap.servers", connect.kafka().bootstrapServers());
        child = ForkedConnectWorker.start(childProps, Path.of("target", "crash-it-worker"));

        // alone in the cluster, the child takes the aggregator; the worker in this JVM joins after and gets the
        // source, the least loaded worker getting new work
        connect.requestPut(child.url() + "/connectors/" + pipeline.connector() + "/config",
                JSON.writeValueAsString(pipeline.aggregatorConfig()));
        String childId = awaitTaskRunning(pipeline.connector(), child.url(), null);
        assertTrue(childId.endsWith(":" + child.port()), "task on the child, not on " + childId);
        WorkerHandle survivor = connect.addWorker();
        String survivorId = survivor.url().getHost() + ":" + survivor.url().getPort();
        connect.configureConnector(pipeline.source(), pipeline.sourceConfig());
        assertEquals(survivorId, awaitTaskRunning(pipeline.source(), survivor.url().toString(), null));
        assertEquals(childId, awaitTaskRunning(pipeline.connector(), survivor.url().toString(), null),
                "the aggregator's task stayed on the child");

        for (int i = 0; i <= 5; i++) {
            pipeline.publish(i);
        }
        TotalsTable.await(connect.kafka(), pipeline.totals(), SeriesPipeline.expectedAfter(5));
        pipeline.publish(6);
        pipeline.publish(7);
        assertEquals(SIGKILL_EXIT, child.kill(), "the child worker was not killed by SIGKILL");
        for (int i = 8; i <= SeriesPipeline.LAST; i++) {
            pipeline.publish(i);
        }

        awaitTaskRunning(pipeline.connector(), survivor.url().toString(), survivorId);
        TotalsTable.await(connect.kafka(), pipeline.totals(), SeriesPipeline.expectedAfter(SeriesPipeline.LAST));
        assertEquals(1486L, TaskMetrics.of(pipeline.connector()).get("stations-restored"),
                "the surviving worker restored the state from the changelog, it did not rebuild it");
    }

    /**
     * Waits until the connector's task is RUNNING (on {@code workerId} unless null), asking the worker at
     * {@code url}; returns the id of the worker running it.
     */
    private static String awaitTaskRunning(String connector, String url, String workerId) throws InterruptedException {
        String[] running = new String[1];
        TestUtils.waitForCondition(() -> {
            var response = connect.requestGet(url.replaceAll("/$", "") + "/connectors/" + connector + "/status");
            if (response.getStatus() != 200) {
                return false;
            }
            ConnectorStateInfo status = JSON.readValue(response.getEntity().toString(), ConnectorStateInfo.class);
            if (status.tasks().isEmpty() || !"RUNNING".equals(status.tasks().get(0).state())) {
                return false;
            }
            running[0] = status.tasks().get(0).workerId();
            return workerId == null || workerId.equals(running[0]);
        }, TIMEOUT_MS, 200, () -> "task of " + connector + " not running" + (workerId == null ? "" : " on " + workerId));
        return running[0];
    }
}

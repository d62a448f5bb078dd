package io.velibconnect.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.velibconnect.gbfs.Discovery;
import io.velibconnect.testing.ForkedConnectWorker;
import io.velibconnect.testing.RecordedVelibServer;
import io.velibconnect.testing.TestData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.Test;

/**
 * Crashes lose nothing: a Connect worker in a child JVM runs both connectors over the replayed Vélib' series and
 * is killed with SIGKILL at random points (seeded; the seed is printed, {@code -Dcrash.seed} replays it), and the
 * broker in this JVM is restarted under it. After each snapshot, once the pipeline has caught up (the source's
 * committed offset has reached the snapshot), every station version the feed served is in the status topic and
 * the totals topic's latest value per postcode equals a fresh computation from the served stations. With
 * exactly-once source support, read with read_committed, no version is there twice either.
 *
 * <p>{@code -Dcrash.kills} (default 20, over both variants) and {@code -Dcrash.broker.restarts} (default 3, per
 * variant) make longer runs; the series is replayed in laps as long as the kills need.
 */
class PipelineCrashIT {

    private static final int KILLS = Integer.getInteger("crash.kills", 20);
    private static final int BROKER_RESTARTS = Integer.getInteger("crash.broker.restarts", 3);
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    private static final long CATCH_UP_MS = 120_000;
    private static final int SIGKILL_EXIT = 128 + 9;
    private static final String STATUS = "velib-projet";
    private static final String INFORMATION = "velib-stations";
    private static final String TOTALS = "velib-projet-final-data";
    private static final String OFFSETS = "pipeline-crash-offsets";
    private static final String SOURCE = "velib-source";
    private static final String AGGREGATOR = "velib-aggregator";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void atLeastOnceLosesNoChange() throws Exception {
        run("at-least-once", KILLS - KILLS / 2, SEED, Map.of(), "read_uncommitted");
    }

    @Test
    void exactlyOnceLosesAndDuplicatesNoChange() throws Exception {
        run("exactly-once", KILLS / 2, SEED + 1, Map.of("exactly.once.source.support", "enabled",
                "consumer.isolation.level", "read_committed"), "read_committed");
    }

    private void run(String variant, int kills, long seed, Map<String, String> workerOverrides, String isolation)
            throws Exception {
        boolean exactlyOnce = workerOverrides.containsKey("exactly.once.source.support");
        CrashPlan plan = CrashPlan.draw(seed, kills, BROKER_RESTARTS);
        System.out.println("PipelineCrashIT " + variant + ": " + plan + " (replay with -Dcrash.seed="
                + (exactlyOnce ? seed - 1 : seed) + ")");
        long started = System.nanoTime();
        Properties broker = new Properties();
        // a killed worker's group members are dropped after their session timeout, which the broker bounds below
        broker.put("group.min.session.timeout.ms", "1000");
        // exactly-once source support needs the transaction coordinator, whose log defaults to 3 replicas
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, broker);
        kafka.start();
        RecordedVelibServer feed = new RecordedVelibServer();
        ForkedConnectWorker worker = null;
        try (TopicFollower statusTopic = new TopicFollower(kafka.bootstrapServers(), STATUS, isolation);
             TopicFollower totalsTopic = new TopicFollower(kafka.bootstrapServers(), TOTALS, isolation);
             TopicFollower offsetsTopic = new TopicFollower(kafka.bootstrapServers(), OFFSETS, isolation)) {
            kafka.createTopic(STATUS, 1);
            kafka.createTopic(TOTALS, 1);
            kafka.createTopic(INFORMATION, 1, 1, Map.of("cleanup.policy", "compact"));
            Map<String, String> workerProps = workerProps(kafka.bootstrapServers(), workerOverrides);
            Path dir = Path.of("target", "pipeline-crash-it", variant);
            Utils.delete(dir.toFile()); // the logs of an earlier run's workers would mix with this one's
            ServedChanges served = new ServedChanges(STATUS, Discovery.systemId(
                    TestData.bytes(RecordedVelibServer.SERIES + "system_information.json")));
            Pipeline pipeline = new Pipeline(statusTopic, totalsTopic, offsetsTopic);

            int incarnation = 0;
            int killed = 0;
            int brokerRestarts = 0;
            for (int step = 0; step < plan.steps(); step++) {
                ReplayedSeries.Step snapshot = ReplayedSeries.step(step);
                feed.serve(RecordedVelibServer.ok(snapshot.body()));
                served.serve(snapshot);
                if (worker == null) {
                    worker = ForkedConnectWorker.start(workerProps, dir.resolve("worker-" + incarnation++));
                    putConnector(worker, SOURCE, sourceConfig(feed, exactlyOnce));
                    putConnector(worker, AGGREGATOR, aggregatorConfig(kafka.bootstrapServers()));
                }
                for (CrashPlan.Event event : plan.events().get(step)) {
                    if (event instanceof CrashPlan.Kill kill) {
                        Thread.sleep(kill.delayMs()); // the random point: not a wait for a condition
                        assertEquals(SIGKILL_EXIT, worker.kill(), "the worker was not killed by SIGKILL");
                        killed++;
                        worker = ForkedConnectWorker.start(workerProps, dir.resolve("worker-" + incarnation++));
                    } else if (event instanceof CrashPlan.BrokerRestart restart) {
                        Thread.sleep(restart.delayMs());
                        kafka.stopOnlyBrokers();
                        Thread.sleep(restart.downMs());
                        kafka.restartOnlyBrokers();
                        brokerRestarts++;
                    }
                }
                pipeline.awaitCaughtUp(served, snapshot, worker);
                assertEquals(List.of(), pipeline.status.unowed(served.owed()),
                        "status records of versions no snapshot served");
                if (exactlyOnce) {
                    assertEquals(Map.of(), pipeline.status.duplicates(),
                            "station versions written twice with exactly-once source support");
                }
            }
            assertEquals(kills, killed);
            assertEquals(BROKER_RESTARTS, brokerRestarts);
            System.out.printf("PipelineCrashIT %s: %d snapshots, %d worker kills survived, %d broker restarts, "
                            + "%d station versions owed, %d status records read (%d versions duplicated), "
                            + "0 missing, totals equal, %d s%n", variant, plan.steps(), killed, brokerRestarts,
                    served.owed().size(), pipeline.status.records(), pipeline.status.duplicates().size(),
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
        } finally {
            if (worker != null) {
                worker.close();
            }
            feed.close();
            kafka.stop();
        }
    }

    /** What the test reads back from the pipeline's topics, a little more at each look. */
    private static final class Pipeline {

        final StatusTopicLog status = new StatusTopicLog();
        final TotalsTable totals = new TotalsTable();
        private final TopicFollower statusTopic;
        private final TopicFollower totalsTopic;
        private final TopicFollower offsetsTopic;
        private long sourceOffset = -1;

        Pipeline(TopicFollower statusTopic, TopicFollower totalsTopic, TopicFollower offsetsTopic) {
            this.statusTopic = statusTopic;
            this.totalsTopic = totalsTopic;
            this.offsetsTopic = offsetsTopic;
        }

        /**
         * Waits until the source's committed offset has reached the snapshot (so a later crash resumes from it),
         * every version served so far is in the status topic and the totals equal a fresh computation.
         */
        void awaitCaughtUp(ServedChanges served, ReplayedSeries.Step snapshot, ForkedConnectWorker worker)
                throws InterruptedException {
            long target = served.lastChanged().toEpochMilli();
            Map<String, GroupTotals> expected = served.totals();
            TestUtils.waitForCondition(() -> {
                read();
                return sourceOffset == target && status.missing(served.owed().keySet()).isEmpty()
                        && expected.equals(totals.table());
            }, CATCH_UP_MS, 200, () -> "after snapshot " + snapshot.index() + " (" + snapshot.lastUpdated()
                    + "), not caught up within " + CATCH_UP_MS + " ms: source offset at " + sourceOffset + " of "
                    + target + "; missing from " + STATUS + ": " + summary(status.missing(served.owed().keySet()))
                    + "; read but never served: " + summary(status.unowed(served.owed()))
                    + "; groups whose totals differ: " + summary(differences(expected, totals.table()))
                    + "; connectors: " + connectorStates(worker));
        }

        private void read() throws IOException {
            status.add(statusTopic.poll());
            totals.add(totalsTopic.poll());
            for (ConsumerRecord<byte[], byte[]> record : offsetsTopic.poll()) {
                JsonNode key = JSON.readTree(record.key());
                if (record.value() != null && SOURCE.equals(key.path(0).asText())
                        && "station_status".equals(key.path(1).path("feed").asText())) {
                    sourceOffset = JSON.readTree(record.value()).path("last_updated").asLong(-1);
                }
            }
        }

        private static String summary(List<?> items) {
            return items.size() + " " + items.subList(0, Math.min(3, items.size()));
        }

        private static List<String> differences(Map<String, GroupTotals> expected,
                                                       Map<String, GroupTotals> actual) {
            List<String> differences = new ArrayList<>();
            new TreeMap<>(expected).forEach((group, totals) -> {
                if (!totals.equals(actual.get(group))) {
                    differences.add("expected " + totals + ", read " + actual.get(group));
                }
            });
            actual.keySet().stream().filter(group -> !expected.containsKey(group)).sorted()
                    .forEach(group -> differences.add("not expected, read " + actual.get(group)));
            return differences;
        }
    }

    private static Map<String, String> workerProps(String bootstrapServers, Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(ForkedConnectWorker.clusterProps("pipeline-crash"));
        props.put("bootstrap.servers", bootstrapServers);
        props.put("offset.storage.topic", OFFSETS);
        props.put("offset.storage.partitions", "1");
        // every plugin has its ServiceLoader manifest: no scan of the test classpath, a worker starts in seconds
        props.put("plugin.discovery", "service_load");
        // the killed worker and its sink consumer leave their groups after 3 s, and their work is reassigned at once
        props.put("session.timeout.ms", "3000");
        props.put("scheduled.rebalance.max.delay.ms", "0");
        props.put("consumer.session.timeout.ms", "3000");
        props.putAll(overrides);
        return props;
    }

    private static Map<String, String> sourceConfig(RecordedVelibServer feed, boolean exactlyOnce) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.velibconnect.source.VelibSourceConnector");
        config.put("tasks.max", "1");
        config.put("gbfs.url", feed.gbfsUrl());
        config.put("status.topic", STATUS);
        config.put("information.topic", INFORMATION);
        config.put("poll.interval.ms", "100");
        config.put("ttl.max.ms", "0");
        if (exactlyOnce) {
            config.put("exactly.once.support", "required");
            config.put("transaction.boundary", "poll");
        }
        return config;
    }

    private static Map<String, String> aggregatorConfig(String bootstrapServers) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", VelibAggregatorConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", STATUS);
        config.put(AggregatorConfig.OUTPUT_TOPIC, TOTALS);
        config.put(AggregatorConfig.METADATA_TOPIC, INFORMATION);
        config.put(AggregatorConfig.METADATA_CSV, VelibSeries.CSV.toString());
        config.put(AggregatorConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        return config;
    }

    /** Creates or updates a connector, retrying while the new worker has not joined its group yet. */
    private static void putConnector(ForkedConnectWorker worker, String name, Map<String, String> config)
            throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create(worker.url() + "/connectors/" + name + "/config"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build();
        String[] last = {""};
        TestUtils.waitForCondition(() -> {
            HttpResponse<String> response = HTTP.send(put, HttpResponse.BodyHandlers.ofString());
            last[0] = response.statusCode() + " " + response.body();
            return response.statusCode() == 200 || response.statusCode() == 201;
        }, 60_000, 500, () -> "could not create " + name + ": " + last[0]);
    }

    private static String connectorStates(ForkedConnectWorker worker) {
        StringBuilder states = new StringBuilder();
        for (String name : List.of(SOURCE, AGGREGATOR)) {
            try {
                HttpRequest get = HttpRequest.newBuilder(URI.create(worker.url() + "/connectors/" + name + "/status"))
                        .timeout(Duration.ofSeconds(5)).build();
                states.append(HTTP.send(get, HttpResponse.BodyHandlers.ofString()).body()).append(' ');
            } catch (IOException e) {
                states.append(name).append(": ").append(e).append(' ');
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return states.toString();
    }
}

package io.velibconnect.benchmarks.scale;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.velibconnect.aggregate.AggregatorConfig;
import io.velibconnect.aggregate.VelibAggregatorConnector;
import io.velibconnect.benchmarks.scale.RecordedSystems.Recorded;
import io.velibconnect.converter.StreamingJsonConverter;
import io.velibconnect.records.SystemPartitioner;
import io.velibconnect.source.VelibSourceConnector;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * One size of the scale stage on a running worker: the world source (catalogue, 4 tasks, system keys and
 * partitioner) and the H3 aggregator (2 tasks, per-system groups, a state topic) of config/world/, their own
 * topics, against a {@link CopiedWorld}. In order: the first round (every station new) through the source alone,
 * the aggregator catching up, the change rounds through both, the source's offsets, restarts of the aggregator
 * (its restore), fresh aggregators catching up again; both connectors are deleted at the end. The source is paused
 * while the aggregator alone is measured (catching up, restoring).
 */
final class ScaleRun {

    static final int SOURCE_TASKS = 4;
    static final int AGGREGATOR_TASKS = 2;
    static final int STATUS_PARTITIONS = 4;
    static final long POLL_INTERVAL_MS = 100;
    /** No new record for this long: a phase is over. */
    private static final long QUIET_MS = 500;
    private static final long PHASE_TIMEOUT_MS = 240_000;
    /** Records carry the broker's write time, which the figures are measured to. */
    private static final Map<String, String> APPEND_TIME = Map.of("message.timestamp.type", "LogAppendTime");
    /** Catching-up runs per size: the first aggregator's, then fresh aggregators'. */
    static final int CATCH_UPS = 3;
    /** Restores per size: the aggregator deleted and created again under its name. */
    static final int RESTORES = 3;

    private final EmbeddedConnectCluster connect;
    private final String offsetsTopic;
    private final List<Recorded> recorded;

    private long phaseStart;

    ScaleRun(EmbeddedConnectCluster connect, String offsetsTopic, List<Recorded> recorded) {
        this.connect = connect;
        this.offsetsTopic = offsetsTopic;
        this.recorded = recorded;
    }

    ScalePoint measure(int systems, int rounds) throws InterruptedException {
        String name = "scale-" + systems;
        String status = name + "-status";
        String information = name + "-stations";
        String totals = name + "-totals";
        String source = name + "-source";
        String aggregator = name + "-aggregator";
        connect.kafka().createTopic(status, STATUS_PARTITIONS, 1, APPEND_TIME);
        connect.kafka().createTopic(information, STATUS_PARTITIONS, 1,
                Map.of("cleanup.policy", "compact", "message.timestamp.type", "LogAppendTime"));
        connect.kafka().createTopic(totals, 1, 1, APPEND_TIME);
        try (CopiedWorld world = new CopiedWorld(recorded, systems);
             KafkaConsumer<byte[], byte[]> ends = connect.kafka().createConsumer(Map.of());
             TotalsLog totalsLog = new TotalsLog(connect.kafka(), totals)) {
            int stations = world.stations();
            phaseStart = System.nanoTime();
            world.publish(0);
            long heapBefore = usedHeapAfterGc();

            connect.configureConnector(source, source(world, status, information));
            List<TopicPartition> written = new ArrayList<>();
            for (int p = 0; p < STATUS_PARTITIONS; p++) {
                written.add(new TopicPartition(status, p));
                written.add(new TopicPartition(information, p));
            }
            Settled firstRound = settle(() -> ends.endOffsets(written).values().stream().mapToLong(Long::longValue)
                    .sum(), world::roundAnswered, 2L * stations, "the source's first round of " + name);
            double sourceRate = firstRound.count() / ((firstRound.lastChangeNanos() - world.firstRequestNanos()) / 1e9);
            long heapSource = usedHeapAfterGc();
            phase(name, "first round through the source");

            // the aggregator's figures are its own: with nothing changing, the source still fetches and parses every
            // feed as often as poll.interval.ms lets it, and would compete with the aggregator for the cores
            pause(source);
            TaskGauges gauges = new TaskGauges(aggregator, AGGREGATOR_TASKS);
            long gcBefore = gcMillis();
            long catchUpStart = System.nanoTime();
            connect.configureConnector(aggregator, aggregator(status, information, totals, name + "-state"));
            List<Double> aggregatorRates = new ArrayList<>();
            aggregatorRates.add(catchUp(gauges, totalsLog, world, stations, name));
            double catchUpGcShare = (gcMillis() - gcBefore) / ((System.nanoTime() - catchUpStart) / 1e6);
            long heapBoth = usedHeapAfterGc();
            phase(name, String.format(Locale.ROOT, "aggregator catching up (%.0f%% of it in GC)",
                    100 * catchUpGcShare));
            resume(source);

            List<Double> toResponse = new ArrayList<>();
            List<Double> toTotals = new ArrayList<>();
            List<Double> records = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                long statusBefore = endOffsets(ends, status);
                world.publish(round);
                awaitAnswered(world, name, round);
                toResponse.add((world.lastResponseNanos() - world.firstRequestNanos()) / 1e6);
                // the aggregator may lag the source: its last totals are those written once it has read every
                // status record the source wrote in the round
                long statusAfter = settle(() -> endOffsets(ends, status), () -> true,
                        statusBefore + world.changedStations(round), "the source's round " + round + " of " + name)
                        .count();
                long lastTotals = totalsLog.lastWritten(world.feedTime(round),
                        () -> gauges.sum("records-in") >= statusAfter, QUIET_MS, PHASE_TIMEOUT_MS);
                if (lastTotals < 0) {
                    throw new IllegalStateException("no totals of round " + round + " of " + name);
                }
                toTotals.add((double) (lastTotals - world.firstRequestMillis()));
                records.add((double) (statusAfter - statusBefore));
            }
            OffsetSizes offsets = OffsetSizes.read(connect.kafka(), offsetsTopic, source);

            long held = gauges.sum("state-size");
            phase(name, "rounds and offsets");
            pause(source);
            List<Double> restoreMsPer10k = new ArrayList<>();
            long restored = 0;
            for (int restart = 0; restart < RESTORES; restart++) {
                // deleted and created again under its name: its consumer group and state topic stay, and its
                // gauges go away in between, so the next reading is the new tasks' restore
                connect.deleteConnector(aggregator);
                connect.assertions().assertConnectorDoesNotExist(aggregator, "the aggregator of " + name
                        + " was not deleted");
                connect.configureConnector(aggregator, aggregator(status, information, totals, name + "-state"));
                restored = settle(() -> gauges.sum("stations-restored"), () -> true, Math.max(held, 1),
                        "the aggregator's restore in " + name).count();
                restoreMsPer10k.add(restored == 0 ? 0 : gauges.sum("restore-time-ms") / (double) restored * 10_000);
            }
            phase(name, RESTORES + " restores (" + held + " stations held before)");
            connect.deleteConnector(aggregator);
            for (int again = 1; again < CATCH_UPS; again++) {
                aggregatorRates.add(catchUpAgain(world, stations, name, again, status, information));
            }
            phase(name, (CATCH_UPS - 1) + " fresh aggregators catching up again");
            connect.deleteConnector(source);
            return new ScalePoint(stations, systems, toResponse, toTotals,
                    records.stream().sorted().toList().get(records.size() / 2), sourceRate, aggregatorRates,
                    catchUpGcShare, (heapSource - heapBefore) / (double) stations,
                    (heapBoth - heapSource) / (double) stations, offsets, restoreMsPer10k, restored);
        }
    }

    /**
     * The records/s of an aggregator, just created, catching up with the first round's status records: from the
     * first records its consumers return (the worker converts them before put()) to the broker's write of its last
     * totals record. At 15k stations a task catches up in one batch, so its records-in gauge alone (moved as put()
     * applies records) would leave out the conversion before and the totals after.
     */
    private double catchUp(TaskGauges gauges, TotalsLog totalsLog, CopiedWorld world, int stations, String name)
            throws InterruptedException {
        long gcBefore = gcMillis();
        long firstFetch = beforeFirstMove(gauges::consumed, "the aggregator's first records in " + name);
        Settled caughtUp = settle(() -> gauges.sum("records-in"), () -> true, stations,
                "the aggregator catching up in " + name);
        long lastTotals = totalsLog.lastWritten(world.feedTime(0), () -> true, QUIET_MS, PHASE_TIMEOUT_MS);
        if (lastTotals < 0) {
            throw new IllegalStateException("no totals from the aggregator catching up in " + name);
        }
        double seconds = (lastTotals - firstFetch) / 1e3;
        double rate = caughtUp.count() / seconds;
        System.out.printf(Locale.ROOT, "scale: %s: %d records caught up with in %.1f s, %.0f records/s (GC %d ms)%n",
                name, caughtUp.count(), seconds, rate, gcMillis() - gcBefore);
        return rate;
    }

    /**
     * Another catching up with the same status records, by a fresh aggregator (its own name, so its own consumer
     * group reading from the beginning, state topic and totals topic): one catching up per size would be a single
     * sample of a few hundred milliseconds at 15k stations.
     */
    private double catchUpAgain(CopiedWorld world, int stations, String name, int again, String status,
                                String information) throws InterruptedException {
        String aggregator = name + "-aggregator-" + again;
        String totals = name + "-totals-" + again;
        connect.kafka().createTopic(totals, 1, 1, APPEND_TIME);
        try (TotalsLog totalsLog = new TotalsLog(connect.kafka(), totals)) {
            connect.configureConnector(aggregator, aggregator(status, information, totals,
                    name + "-state-" + again));
            return catchUp(new TaskGauges(aggregator, AGGREGATOR_TASKS), totalsLog, world, stations, name);
        } finally {
            connect.deleteConnector(aggregator);
        }
    }

    private void pause(String source) throws InterruptedException {
        connect.pauseConnector(source);
        connect.assertions().assertConnectorAndExactlyNumTasksArePaused(source, SOURCE_TASKS,
                "the source did not pause");
    }

    private void resume(String source) throws InterruptedException {
        connect.resumeConnector(source);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(source, SOURCE_TASKS,
                "the source did not resume");
    }

    private static Map<String, String> source(CopiedWorld world, String status, String information) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", VelibSourceConnector.class.getName());
        config.put("tasks.max", Integer.toString(SOURCE_TASKS));
        config.put("gbfs.catalog", world.catalogueUrl());
        config.put("station.key", "system-code");
        config.put("producer.override.partitioner.class", SystemPartitioner.class.getName());
        config.put("status.topic", status);
        config.put("information.topic", information);
        config.put("poll.interval.ms", Long.toString(POLL_INTERVAL_MS));
        // station_information answers ttl 86400: read once, as its content never changes here
        config.put("ttl.max.ms", "-1");
        config.put("emit", "changed");
        return config;
    }

    /** As config/world/world-aggregator.json, on this cluster. */
    private Map<String, String> aggregator(String status, String information, String totals, String state) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", VelibAggregatorConnector.class.getName());
        config.put("tasks.max", Integer.toString(AGGREGATOR_TASKS));
        config.put("topics", status);
        config.put("value.converter", StreamingJsonConverter.class.getName());
        config.put("value.converter.schemas.enable", "true");
        config.put("errors.tolerance", "all");
        config.put("errors.log.enable", "true");
        config.put("consumer.override.max.poll.records", "20000");
        config.put("consumer.override.max.partition.fetch.bytes", "16777216");
        config.put(AggregatorConfig.OUTPUT_TOPIC, totals);
        config.put(AggregatorConfig.GROUP_BY, "h3");
        config.put(AggregatorConfig.H3_RESOLUTION, "7");
        config.put(AggregatorConfig.GROUP_KEY, "system-group");
        config.put(AggregatorConfig.METADATA_TOPIC, information);
        config.put(AggregatorConfig.STATE_TOPIC, state);
        config.put(AggregatorConfig.BOOTSTRAP_SERVERS, connect.kafka().bootstrapServers());
        return config;
    }

    /** How a growing count came to rest: its value and its last move. */
    private record Settled(long count, long lastChangeNanos) {
    }

    /** The wall-clock time of the last poll (every 5 ms) at which {@code count} had not moved yet. */
    private static long beforeFirstMove(LongSupplier count, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_TIMEOUT_MS * 1_000_000;
        long unmoved = System.currentTimeMillis();
        while (System.nanoTime() < deadline) {
            long before = System.currentTimeMillis();
            if (count.getAsLong() > 0) {
                return unmoved;
            }
            unmoved = before;
            Thread.sleep(5);
        }
        throw new IllegalStateException(what + " did not come in " + PHASE_TIMEOUT_MS + " ms");
    }

    /**
     * Polls {@code count} every 20 ms until it is at least {@code atLeast}, {@code ready} holds and it has not
     * moved for {@link #QUIET_MS}. The counts wanted are exact (every station emitted once in the first round,
     * the changed ones after), since a pause of the source or the aggregator may last longer than any quiet.
     */
    private static Settled settle(LongSupplier count, BooleanSupplier ready, long atLeast,
                                  String what) throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_TIMEOUT_MS * 1_000_000;
        long last = 0;
        long lastChange = 0;
        while (System.nanoTime() < deadline) {
            long now = count.getAsLong();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (last >= atLeast && ready.getAsBoolean() && System.nanoTime() - lastChange > QUIET_MS * 1_000_000) {
                return new Settled(last, lastChange);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(what + " did not settle in " + PHASE_TIMEOUT_MS + " ms (count " + last
                + ", wanted at least " + atLeast + ")");
    }

    /** Where the stage's time goes, on the console. */
    private void phase(String name, String what) {
        long now = System.nanoTime();
        System.out.printf(Locale.ROOT, "scale: %s: %s took %.1f s%n", name, what, (now - phaseStart) / 1e9);
        phaseStart = now;
    }

    private static void awaitAnswered(CopiedWorld world, String name, int round) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PHASE_TIMEOUT_MS;
        while (!world.roundAnswered()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("round " + round + " of " + name + " not polled everywhere in "
                        + PHASE_TIMEOUT_MS + " ms");
            }
            Thread.sleep(5);
        }
    }

    private static long endOffsets(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < STATUS_PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Time this JVM's collectors have spent so far. */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** Used heap after a full collection ({@code System.gc()} twice: G1 then has nothing left to free). */
    static long usedHeapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(100);
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

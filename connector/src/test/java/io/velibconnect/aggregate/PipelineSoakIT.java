package io.velibconnect.aggregate;

import io.velibconnect.testing.TestData;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Soak: an accelerated day of minute snapshots through the whole pipeline (source → status and information topics →
 * aggregator → totals) for {@code -Dsoak.minutes} minutes of wall time: the 12 recorded snapshots of 2024-12-15
 * served in turn, each one minute of feed time after the last (a day is 1,440 of them, then the next day begins),
 * as fast as the source polls. Every {@value #SAMPLE_SECONDS} s it samples this JVM (broker and worker run in it):
 * heap after a GC, live threads, open file handles. At the end those are flat (within margins of the sample taken
 * after the warm-up minute) and the totals equal a fresh computation from the last snapshot served.
 *
 * <p>Not part of {@code mvn verify} (skipped without the property); the README's command runs it.
 */
class PipelineSoakIT {

    private static final int SAMPLE_SECONDS = 30;
    private static final Pattern ENVELOPE_TIME = Pattern.compile("\"lastUpdatedOther\":(\\d+)");

    record Sample(long second, long heapMb, int threads, long fileHandles) {
        @Override
        public String toString() {
            return String.format("%5d s  heap %4d MB  threads %4d  file handles %5d", second, heapMb, threads,
                    fileHandles);
        }
    }

    @Test
    void aDayOfMinuteSnapshotsKeepsResourcesFlatAndTotalsExact() throws Exception {
        String minutes = System.getProperty("soak.minutes");
        Assumptions.assumeTrue(minutes != null, "a soak runs only when -Dsoak.minutes=N is given (README)");
        Duration length = Duration.ofMinutes(Long.parseLong(minutes));

        Map<String, String> worker = new HashMap<>();
        worker.put("offset.flush.interval.ms", "1000");
        worker.put("key.converter", StringConverter.class.getName());
        worker.put("value.converter", JsonConverter.class.getName());
        worker.put("value.converter.schemas.enable", "true");
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name("soak").numWorkers(1).numBrokers(1)
                .workerProps(worker).build();
        connect.start();
        try {
            SeriesPipeline p = SeriesPipeline.create("soak", connect.kafka());
            try (io.velibconnect.testing.RecordedVelibServer feed = p.feed()) {
                connect.configureConnector(p.source(), p.sourceConfig());
                connect.configureConnector(p.connector(), p.aggregatorConfig());
                connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(p.connector(), 1, "aggregator down");

                List<byte[]> snapshots = SeriesPipeline.SNAPSHOTS.stream().map(TestData::bytes).toList();
                long firstTime = envelopeTime(snapshots.get(0));
                List<Sample> samples = new ArrayList<>();
                long start = System.nanoTime();
                long nextSample = 0;
                int step = 0;
                while (System.nanoTime() - start < length.toNanos()) {
                    byte[] body = atTime(snapshots.get(step % snapshots.size()), firstTime + 60L * step);
                    feed.serveAndAwaitPoll(body, "step " + step);
                    step++;
                    long second = (System.nanoTime() - start) / 1_000_000_000L;
                    if (second >= nextSample) {
                        samples.add(sample(second));
                        System.out.println("soak: step " + step + "  " + samples.get(samples.size() - 1));
                        nextSample += SAMPLE_SECONDS;
                    }
                }
                samples.add(sample((System.nanoTime() - start) / 1_000_000_000L));
                int last = (step - 1) % snapshots.size();
                System.out.printf("soak: %d snapshots served (%.2f days of minute snapshots)%n", step, step / 1440.0);
                samples.forEach(s -> System.out.println("soak: " + s));

                awaitTotalsWithoutTimes(connect, p.totals(), SeriesPipeline.expectedAfter(last));
                Sample warm = samples.get(Math.min(2, samples.size() - 1));
                Sample end = samples.get(samples.size() - 1);
                assertTrue(end.heapMb() <= warm.heapMb() * 3 / 2 + 64, "heap grew: " + warm + " -> " + end);
                assertTrue(end.threads() <= warm.threads() + 10, "threads grew: " + warm + " -> " + end);
                assertTrue(end.fileHandles() <= warm.fileHandles() + 50, "file handles grew: " + warm + " -> " + end);
            }
        } finally {
            connect.stop();
        }
    }

    private static long envelopeTime(byte[] body) {
        Matcher m = ENVELOPE_TIME.matcher(new String(body, StandardCharsets.UTF_8));
        assertTrue(m.find(), "a Vélib' status body has lastUpdatedOther");
        return Long.parseLong(m.group(1));
    }

    /** The snapshot as if published at {@code epochSecond}: only its envelope time changes. */
    private static byte[] atTime(byte[] body, long epochSecond) {
        return ENVELOPE_TIME.matcher(new String(body, StandardCharsets.UTF_8))
                .replaceFirst("\"lastUpdatedOther\":" + epochSecond).getBytes(StandardCharsets.UTF_8);
    }

    private static Sample sample(long second) {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long handles;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            handles = fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Sample(second, heapMb, threads, handles);
    }

    /**
     * The served times are shifted, so the totals' timestamps are not the recorded ones: every other field must equal
     * the fresh computation from the last snapshot's stations.
     */
    private static void awaitTotalsWithoutTimes(EmbeddedConnectCluster connect, String topic,
                                                Map<String, GroupTotals> expected) throws InterruptedException {
        Map<String, GroupTotals> want = withoutTimes(expected);
        // one consumer reads the topic once, the table keeping only the latest totals per group: after a soak the
        // topic holds hundreds of thousands of records, too many to read whole again and again
        TotalsTable table = new TotalsTable();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumerAndSubscribeTo(
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), topic)) {
            while (!want.equals(withoutTimes(table.table())) && System.nanoTime() < deadline) {
                table.add(consumer.poll(Duration.ofMillis(500)));
            }
        }
        assertEquals(want, withoutTimes(table.table()), "totals in " + topic + " after the soak");
    }

    private static Map<String, GroupTotals> withoutTimes(Map<String, GroupTotals> totals) {
        Map<String, GroupTotals> stripped = new TreeMap<>();
        totals.forEach((group, t) -> stripped.put(group, new GroupTotals(t.group(), t.labels(), t.stations(),
                t.bikes(), t.mechanical(), t.ebike(), t.docks(), t.capacity(), 0, null)));
        return stripped;
    }
}

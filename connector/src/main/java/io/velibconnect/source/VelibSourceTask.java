package io.velibconnect.source;

import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.GbfsClient;
import io.velibconnect.plugin.PluginVersion;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Polls the feeds the connector gave this task. {@code poll()} returns as soon as a feed yields records, and
 * otherwise after at most {@link #IDLE_SLICE} of waiting for the next feed to fall due, so the worker is never
 * held; {@link #stop()} wakes it and cancels HTTP calls in flight.
 */
public final class VelibSourceTask extends SourceTask {

    static final Duration IDLE_SLICE = Duration.ofMillis(500);

    private final Clock clock = Clock.systemUTC();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private GbfsClient client;
    private SourceTaskMetrics metrics;
    private List<FeedSystem> systems;

    @Override
    public String version() {
        return PluginVersion.VALUE;
    }

    @Override
    public void start(Map<String, String> props) {
        SourceConfig config = new SourceConfig(props);
        client = new GbfsClient(config.http());
        FeedParser parser = new FeedParser(config.language(), config.feedLimits());
        metrics = new SourceTaskMetrics(clock, context.pluginMetrics());
        Map<Map<String, Object>, Map<String, Object>> offsets = storedOffsets(config.taskUrls());
        systems = new ArrayList<>();
        for (String url : config.taskUrls()) {
            systems.add(new FeedSystem(client, parser, metrics, url, config, offsets::get));
        }
    }

    private Map<Map<String, Object>, Map<String, Object>> storedOffsets(List<String> urls) {
        List<Map<String, Object>> partitions = new ArrayList<>();
        List<Map<String, Object>> earlierOrder = new ArrayList<>();
        for (String url : urls) {
            partitions.addAll(FeedSystem.partitions(url));
            earlierOrder.addAll(FeedSystem.earlierOrderPartitions(url));
        }
        OffsetStorageReader reader = context.offsetStorageReader();
        Map<Map<String, Object>, Map<String, Object>> stored = new HashMap<>();
        Map<Map<String, Object>, Map<String, Object>> found = reader.offsets(partitions);
        if (found != null) {
            stored.putAll(found);
        }
        // a partition stored in another key order is equal as a map, so it answers the same lookups; asked for
        // apart, since a request of two equal maps would get one answer; the current order wins where both exist
        Map<Map<String, Object>, Map<String, Object>> earlier = reader.offsets(earlierOrder);
        if (earlier != null) {
            earlier.forEach((partition, offset) -> {
                if (offset != null && stored.get(partition) == null) {
                    stored.put(partition, offset);
                }
            });
        }
        return stored;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Instant now = clock.instant();
        List<SourceRecord> records = new ArrayList<>();
        for (FeedSystem system : systems) {
            records.addAll(system.poll(now));
        }
        if (!records.isEmpty()) {
            return records;
        }
        Instant next = systems.stream().map(FeedSystem::due).min(Instant::compareTo).orElse(now.plus(IDLE_SLICE));
        long wait = Math.min(Math.max(Duration.between(clock.instant(), next).toMillis(), 1), IDLE_SLICE.toMillis());
        stopped.await(wait, TimeUnit.MILLISECONDS);
        return null;
    }

    @Override
    public void stop() {
        stopped.countDown();
        if (client != null) {
            client.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}

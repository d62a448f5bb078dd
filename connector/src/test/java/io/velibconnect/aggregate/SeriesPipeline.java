package io.velibconnect.aggregate;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.velibconnect.aggregate.metadata.StationMetadata;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

import io.velibconnect.testing.RecordedVelibServer;
import io.velibconnect.testing.TestData;

/**
 * One pipeline over the recorded series: its own topics, the replayed feed its source connector polls, and the
 * configs of that source and of the aggregator behind it, so that scenarios do not see each other's records.
 * {@code feed} is null for a pipeline fed by hand.
 */
record SeriesPipeline(String name, RecordedVelibServer feed, String bootstrapServers) {

    static final List<Path> SNAPSHOTS = VelibSeries.statusFiles();
    static final int LAST = SNAPSHOTS.size() - 1;
    static final StationMetadata METADATA = VelibSeries.metadata(GroupBy.POSTCODE);

    /** Creates the topics and a feed serving the first snapshot; the caller closes the feed. */
    static SeriesPipeline create(String name, EmbeddedKafkaCluster kafka) {
        SeriesPipeline p = new SeriesPipeline(name, new RecordedVelibServer(), kafka.bootstrapServers());
        kafka.createTopic(p.status(), 1);
        kafka.createTopic(p.totals(), 1);
        kafka.createTopic(p.information(), 1, 1, Map.of("cleanup.policy", "compact"));
        p.feed().serve(RecordedVelibServer.ok(TestData.bytes(SNAPSHOTS.get(0))));
        return p;
    }

    /**
     * The totals a fresh computation gives for this snapshot joined with the Vélib' metadata CSV and the information.
     */
    static Map<String, GroupTotals> expectedAfter(int snapshot) {
        return FreshTotals.of(VelibSeries.SYSTEM, VelibSeries.status(SNAPSHOTS.get(snapshot)), METADATA);
    }

    String status() {
        return name + "-status";
    }

    String information() {
        return name + "-stations";
    }

    String totals() {
        return name + "-totals";
    }

    String source() {
        return name + "-source";
    }

    String connector() {
        return name + "-aggregator";
    }

    /** Serves this snapshot and returns once the source has fetched it. */
    void publish(int snapshot) throws InterruptedException {
        Path file = SNAPSHOTS.get(snapshot);
        feed.serveAndAwaitPoll(TestData.bytes(file), file.getFileName().toString());
    }

    Map<String, String> aggregatorConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", VelibAggregatorConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", status());
        config.put(AggregatorConfig.OUTPUT_TOPIC, totals());
        config.put(AggregatorConfig.METADATA_TOPIC, information());
        config.put(AggregatorConfig.METADATA_CSV, VelibSeries.CSV.toString());
        config.put(AggregatorConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        return config;
    }

    Map<String, String> sourceConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.velibconnect.source.VelibSourceConnector");
        config.put("tasks.max", "1");
        config.put("gbfs.url", feed.gbfsUrl());
        config.put("status.topic", status());
        config.put("information.topic", information());
        config.put("poll.interval.ms", "100");
        config.put("ttl.max.ms", "0");
        return config;
    }
}

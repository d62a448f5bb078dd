package io.velibconnect.benchmarks.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.velibconnect.aggregate.AggregatorConfig;
import io.velibconnect.aggregate.metadata.FeedStation;
import io.velibconnect.aggregate.GroupBy;
import io.velibconnect.aggregate.GroupKey;
import io.velibconnect.aggregate.Grouping;
import io.velibconnect.aggregate.metadata.MetadataCsv;
import io.velibconnect.aggregate.metadata.StationMetadata;
import io.velibconnect.aggregate.VelibAggregatorConnector;
import io.velibconnect.converter.StreamingJsonConverter;
import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.StationInformation;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.records.StationSchemas;
import io.velibconnect.source.StationRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One KRaft broker and one Connect worker in this JVM, the recorded Vélib' series as input, and the two
 * contenders — our sink connector and {@link StreamsTotals} — run over the same input topic.
 *
 * <p>Input: the 12 snapshots of 2024-12-15 (1486 stations each) repeated {@code rounds} times, each round's
 * times shifted by a day so every record supersedes the previous one of its station (the worst case: every
 * record changes the state). "Done" for both is the same event: the consumer group's committed offset reaching
 * the end of the input, with both committing every 500 ms.
 */
final class TotalsRace implements AutoCloseable {

    static final Path TESTDATA = testData();
    private static final Path SERIES = TESTDATA.resolve("velib/2024-12-15_InfoFlower-timeseries");
    static final Path CSV = TESTDATA.resolve("velib-metadata/stations_information.csv");
    static final long COMMIT_MS = 500;
    /**
     * Consumer settings given to both contenders alike, from {@code -Dbenchmark.consumer.<key>=<value>} (ours as
     * {@code consumer.override.<key>}); empty: each one's defaults.
     */
    static final Map<String, String> CONSUMER = settings("benchmark.consumer.");
    /** Connector settings given to ours only, from {@code -Dbenchmark.ours.<key>=<value>}; reported with the run. */
    static final Map<String, String> OURS = settings("benchmark.ours.");
    /**
     * The converter both contenders read status values and write totals with, from
     * {@code -Dbenchmark.converter=<class>}; by default {@link StreamingJsonConverter}, the aggregator's documented
     * {@code value.converter} and its default {@code output.converter}.
     */
    static final String CONVERTER = System.getProperty("benchmark.converter", StreamingJsonConverter.class.getName());
    /**
     * The Streams peer's state serdes, {@code -Dbenchmark.streams.serde=binary|json}: see {@link StateSerdes}. Binary
     * by default: the stronger peer, a topology tuned as far as its DSL allows, is the one the results head with.
     */
    static final String STREAMS_SERDE = System.getProperty("benchmark.streams.serde", "binary");

    final EmbeddedConnectCluster connect;
    private final JsonConverter json = new JsonConverter();
    private final List<KafkaStreams> streams = new ArrayList<>();
    private final List<Path> stateDirs = new ArrayList<>();

    TotalsRace() {
        Map<String, String> worker = new HashMap<>();
        worker.put("offset.flush.interval.ms", Long.toString(COMMIT_MS));
        worker.put("key.converter", StringConverter.class.getName());
        worker.put("value.converter", JsonConverter.class.getName());
        worker.put("value.converter.schemas.enable", "true");
        connect = new EmbeddedConnectCluster.Builder().name("totals-race").numWorkers(1).numBrokers(1)
                .workerProps(worker).build();
        connect.start();
        json.configure(Map.of("schemas.enable", "true"), false);
    }

    private static Path testData() {
        String root = System.getProperty("testdata.dir");
        if (root == null || !Files.isDirectory(Path.of(root))) {
            throw new IllegalStateException("set -Dtestdata.dir to the checkout's testdata/ folder (surefire does); "
                    + "found " + root);
        }
        return Path.of(root);
    }

    private static Map<String, String> settings(String prefix) {
        Map<String, String> settings = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(prefix))
                .forEach(name -> settings.put(name.substring(prefix.length()), System.getProperty(name)));
        return settings;
    }

    static List<List<StationStatus>> snapshots() {
        try (Stream<Path> files = Files.list(SERIES)) {
            FeedParser parser = new FeedParser("en", FeedLimits.DEFAULTS);
            List<List<StationStatus>> snapshots = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("station_status_")).sorted()
                    .toList()) {
                snapshots.add(parser.parseStatus(Files.readAllBytes(file)).stations());
            }
            return snapshots;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FeedException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<StationInformation> information() {
        try {
            return new FeedParser("en", FeedLimits.DEFAULTS).parseInformation(
                    Files.readAllBytes(SERIES.resolve("station_information_2024-12-15T1751Z.json"))).stations();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FeedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The metadata both contenders use: the seed's CSV and the information snapshot. */
    static StationMetadata metadata() {
        try {
            StationMetadata metadata = new StationMetadata(new Grouping(GroupBy.POSTCODE, GroupKey.GROUP, 8, "unknown"),
                    MetadataCsv.read(CSV), null);
            for (StationInformation info : information()) {
                metadata.put(new FeedStation("velib", info.stationId(), info.stationCode(), info.postCode(),
                        info.capacity() == null ? 0 : info.capacity(), info.lat(), info.lon(), info.regionId(), null));
            }
            return metadata;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the input and information topics and fills them; returns the number of status records. */
    long load(String input, String informationTopic, int rounds) {
        connect.kafka().createTopic(input, 1);
        connect.kafka().createTopic(informationTopic, 1, 1, Map.of("cleanup.policy", "compact"));
        List<List<StationStatus>> snapshots = snapshots();
        long count = 0;
        try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of("linger.ms", 20,
                "batch.size", 262_144))) {
            for (StationInformation info : information()) {
                producer.send(record(informationTopic, info.key(),
                        json.fromConnectData(informationTopic, StationSchemas.INFORMATION,
                                StationRecords.information(info, "velib"))));
            }
            for (int round = 0; round < rounds; round++) {
                Duration shift = Duration.ofDays(round);
                for (List<StationStatus> snapshot : snapshots) {
                    for (StationStatus s : snapshot) {
                        producer.send(record(input, s.key(), json.fromConnectData(input, StationSchemas.STATUS,
                                StationRecords.status(shifted(s, shift), "velib"))));
                        count++;
                    }
                }
            }
        }
        return count;
    }

    static StationStatus shifted(StationStatus s, Duration shift) {
        return new StationStatus(s.stationId(), s.stationCode(), s.numBikesAvailable(), s.mechanical(), s.ebike(),
                s.numDocksAvailable(), s.isInstalled(), s.isRenting(), s.isReturning(),
                s.lastReported() == null ? null : s.lastReported().plus(shift), s.lastUpdated().plus(shift));
    }

    static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    /**
     * How a run went: the wall time from start until the whole input was committed, and the steady rate between
     * the first commit (startup, group join and restore are behind it) and the last.
     */
    record Run(Duration total, double steadyRecordsPerSecond, String cpu) {
    }

    /** Starts our connector on {@code input}; returns when its group has committed {@code records} offsets. */
    Run runAggregator(String name, String input, String informationTopic, String output, long records)
            throws Exception {
        Instant start = startAggregator(name, input, informationTopic, output);
        return awaitCommitted(start, "connect-" + name, new TopicPartition(input, 0), records);
    }

    /** Creates {@code output} and our connector on {@code input}; returns when it was created. */
    Instant startAggregator(String name, String input, String informationTopic, String output) {
        connect.kafka().createTopic(output, 1);
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", VelibAggregatorConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", input);
        config.put(AggregatorConfig.OUTPUT_TOPIC, output);
        config.put(AggregatorConfig.METADATA_TOPIC, informationTopic);
        config.put(AggregatorConfig.METADATA_CSV, CSV.toString());
        config.put(AggregatorConfig.BOOTSTRAP_SERVERS, connect.kafka().bootstrapServers());
        config.put("value.converter", CONVERTER);
        config.put(AggregatorConfig.OUTPUT_CONVERTER, CONVERTER);
        config.put("value.converter.schemas.enable", "true");
        CONSUMER.forEach((key, value) -> config.put("consumer.override." + key, value));
        config.putAll(OURS);
        Instant start = Instant.now();
        connect.configureConnector(name, config);
        return start;
    }

    /** Starts {@link StreamsTotals} on {@code input}; returns when its group has committed {@code records}. */
    Run runStreams(String applicationId, String input, String output, long records) throws Exception {
        return runStreams(applicationId, input, output, records, StateSerdes.of(STREAMS_SERDE));
    }

    Run runStreams(String applicationId, String input, String output, long records, StateSerdes serdes)
            throws Exception {
        connect.kafka().createTopic(output, 1);
        Path stateDir = Files.createTempDirectory("streams-totals");
        stateDirs.add(stateDir);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_MS);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        CONSUMER.forEach((key, value) -> props.put(StreamsConfig.consumerPrefix(key), value));
        KafkaStreams app = new KafkaStreams(StreamsTotals.topology(input, output, metadata(), TotalsRace::converter,
                serdes), props);
        streams.add(app);
        Instant start = Instant.now();
        app.start();
        return awaitCommitted(start, applicationId, new TopicPartition(input, 0), records);
    }

    private static Converter converter() {
        try {
            return Utils.newInstance(CONVERTER, Converter.class);
        } catch (ClassNotFoundException | KafkaException e) {
            throw new IllegalArgumentException("benchmark.converter=" + CONVERTER + " is not a Converter", e);
        }
    }

    private Run awaitCommitted(Instant start, String group, TopicPartition partition, long offset)
            throws Exception {
        ThreadCpu cpuAtStart = ThreadCpu.snapshot();
        try (Admin admin = connect.kafka().createAdminClient()) {
            long deadline = System.currentTimeMillis() + 600_000;
            long firstOffset = -1;
            long firstNanos = 0;
            while (true) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get().get(partition);
                if (committed != null && firstOffset < 0) {
                    firstOffset = committed.offset();
                    firstNanos = System.nanoTime();
                }
                if (committed != null && committed.offset() >= offset) {
                    double seconds = (System.nanoTime() - firstNanos) / 1e9;
                    return new Run(Duration.between(start, Instant.now()), (offset - firstOffset) / seconds,
                            ThreadCpu.snapshot().since(cpuAtStart, 6));
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(group + " did not reach offset " + offset + ": " + committed);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Stops the Kafka Streams applications started so far (after a warm-up run). */
    void closeStreams() {
        streams.forEach(KafkaStreams::close);
        streams.clear();
    }

    /** The latest value per key of a totals topic, tombstones removing the key. */
    Map<String, Struct> table(String topic) throws Exception {
        Map<String, Struct> table = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consumeAll(30_000, topic)) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                table.remove(key);
            } else {
                table.put(key, (Struct) json.toConnectData(topic, record.value()).value());
            }
        }
        return table;
    }

    /**
     * Feed-change → totals latency: sends one newer status of a station and times the arrival of its group's
     * totals record in {@code output}; returns the samples in milliseconds.
     */
    List<Double> latencies(String input, String output, String group, int samples) throws Exception {
        StationStatus station = snapshots().get(11).stream().filter(s -> "16107".equals(s.stationCode()))
                .findFirst().orElseThrow();
        List<Double> millis = new ArrayList<>();
        TopicPartition out = new TopicPartition(output, 0);
        try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of());
             KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumer(Map.of())) {
            consumer.assign(List.of(out));
            for (int i = 0; i < samples; i++) {
                consumer.seekToEnd(List.of(out));
                consumer.position(out);
                StationStatus next = shifted(new StationStatus(station.stationId(), station.stationCode(),
                        station.numBikesAvailable() + 1 + i % 2, station.mechanical() + 1 + i % 2, station.ebike(),
                        station.numDocksAvailable(), station.isInstalled(), station.isRenting(),
                        station.isReturning(), station.lastReported(), station.lastUpdated()),
                        Duration.ofDays(10_000 + i));
                long sent = System.nanoTime();
                producer.send(record(input, next.key(), json.fromConnectData(input, StationSchemas.STATUS,
                        StationRecords.status(next, "velib")))).get();
                awaitKey(consumer, group);
                millis.add((System.nanoTime() - sent) / 1e6);
            }
        }
        return millis;
    }

    private static void awaitKey(KafkaConsumer<byte[], byte[]> consumer, String key) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                if (key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                    return;
                }
            }
        }
        throw new IllegalStateException("no totals record for " + key + " within 30 s");
    }

    @Override
    public void close() throws IOException {
        streams.forEach(KafkaStreams::close);
        connect.stop();
        for (Path dir : stateDirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

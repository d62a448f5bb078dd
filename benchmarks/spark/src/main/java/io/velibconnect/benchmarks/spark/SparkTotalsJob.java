package io.velibconnect.benchmarks.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The original pipeline's engine as the benchmark's peer: a Spark Structured Streaming job (local[1]) reading the
 * status topic as Connect's JsonConverter writes it ({@code {"schema":…,"payload":{…}}}), joined with a
 * {@code stationCode,postcode} CSV, in two flavours:
 * <ul>
 *   <li>{@code correct}: each station's latest status (newest {@code last_updated}, then offset), then summed per
 *       postcode: a streaming aggregation in complete mode, the per-postcode sum done on each result table in
 *       {@code foreachBatch} (Spark refuses two chained streaming aggregations);</li>
 *   <li>{@code summing}: the original job's semantics, the sum of every record ever seen per postcode.</li>
 * </ul>
 * Each batch's totals are one line on stdout, {@code VELIB {"event":"batch","mode":…,"end_offset":…,"totals":{…}}},
 * read by the benchmark stage that started this JVM.
 *
 * <p>{@code SparkTotalsJob <bootstrap> <csv> <throughput-topic> <replay-topic> <timeout-seconds> <runs>}: first
 * runs each query alone {@code runs} times over what the throughput topic holds (Trigger.AvailableNow), each from a
 * fresh checkpoint, and reports its time; then runs both queries on the replay topic until stdin closes (or the
 * timeout). One JVM for both, so the replay does not pay Spark's start-up and first-query compilation again.
 */
public final class SparkTotalsJob {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StructType PAYLOAD = new StructType()
            .add("station_id", DataTypes.StringType)
            .add("stationCode", DataTypes.StringType)
            .add("num_bikes_available", DataTypes.IntegerType)
            .add("last_updated", DataTypes.LongType);

    private SparkTotalsJob() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            throw new IllegalArgumentException("usage: SparkTotalsJob <bootstrap> <csv> <throughput-topic> "
                    + "<replay-topic> <timeout-seconds> <runs>");
        }
        String bootstrap = args[0];
        String csv = args[1];
        String throughputTopic = args[2];
        String replayTopic = args[3];
        long timeoutMs = TimeUnit.SECONDS.toMillis(Long.parseLong(args[4]));
        int runs = Integer.parseInt(args[5]);
        Path checkpoints = Files.createTempDirectory("spark-checkpoints");
        SparkSession spark = SparkSession.builder().master("local[1]").appName("velib-totals")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "1")
                .getOrCreate();
        // Spark logs every micro-batch at INFO: keep its log to what went wrong
        spark.sparkContext().setLogLevel("WARN");
        try {
            Dataset<Row> metadata = spark.read().option("header", "true").csv(csv)
                    .select(col("stationCode"), col("postcode"));
            for (int run = 1; run <= runs; run++) {
                for (String query : new String[] {"correct", "summing"}) {
                    // a fresh checkpoint per run, so each one reads the whole topic again
                    Path checkpoint = checkpoints.resolve(query + "-" + run);
                    long start = System.nanoTime();
                    StreamingQuery running = query.equals("correct")
                            ? correct(spark, bootstrap, throughputTopic, metadata, Trigger.AvailableNow(), checkpoint)
                            : summing(spark, bootstrap, throughputTopic, metadata, Trigger.AvailableNow(), checkpoint);
                    if (!running.awaitTermination(timeoutMs)) {
                        running.stop();
                        throw new IllegalStateException(query + " did not finish within " + timeoutMs + " ms");
                    }
                    emit(Map.of("event", "done", "mode", query, "run", run,
                            "seconds", (System.nanoTime() - start) / 1e9));
                }
            }
            emit(Map.of("event", "heap", "phase", "throughput", "peak_used_bytes", peakHeap()));
            StreamingQuery correct = correct(spark, bootstrap, replayTopic, metadata, Trigger.ProcessingTime(0),
                    checkpoints.resolve("correct-replay"));
            StreamingQuery summing = summing(spark, bootstrap, replayTopic, metadata, Trigger.ProcessingTime(0),
                    checkpoints.resolve("summing-replay"));
            emit(Map.of("event", "replay-started"));
            awaitStdinClosed(timeoutMs);
            correct.stop();
            summing.stop();
            emit(Map.of("event", "heap", "phase", "replay", "peak_used_bytes", peakHeap()));
        } finally {
            spark.stop();
        }
    }

    private static Dataset<Row> statuses(SparkSession spark, String bootstrap, String topic) {
        return spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", bootstrap)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .load()
                .select(from_json(col("value").cast("string"), new StructType().add("payload", PAYLOAD))
                        .getField("payload").alias("s"), col("offset"))
                .select(col("s.*"), col("offset"));
    }

    private static Dataset<Row> placed(Dataset<Row> stations, Dataset<Row> metadata) {
        return stations.join(metadata, stations.col("stationCode").equalTo(metadata.col("stationCode")), "left")
                .select(stations.col("*"), coalesce(metadata.col("postcode"), lit("unknown")).alias("postcode"));
    }

    private static StreamingQuery correct(SparkSession spark, String bootstrap, String topic, Dataset<Row> metadata,
                                          Trigger trigger, Path checkpoint) throws Exception {
        Dataset<Row> latest = statuses(spark, bootstrap, topic).groupBy(col("stationCode"))
                .agg(max_by(col("num_bikes_available"), struct(col("last_updated"), col("offset")))
                        .alias("num_bikes_available"), max(col("offset")).alias("offset"));
        VoidFunction2<Dataset<Row>, Long> totals = (table, batch) -> report("correct", placed(table, metadata));
        return latest.writeStream().queryName("correct").outputMode("complete").trigger(trigger)
                .option("checkpointLocation", checkpoint.toString()).foreachBatch(totals).start();
    }

    private static StreamingQuery summing(SparkSession spark, String bootstrap, String topic, Dataset<Row> metadata,
                                          Trigger trigger, Path checkpoint) throws Exception {
        Dataset<Row> sums = placed(statuses(spark, bootstrap, topic), metadata).groupBy(col("postcode"))
                .agg(sum(col("num_bikes_available")).alias("num_bikes_available"), max(col("offset")).alias("offset"));
        VoidFunction2<Dataset<Row>, Long> totals = (table, batch) -> report("summing", table);
        return sums.writeStream().queryName("summing").outputMode("complete").trigger(trigger)
                .option("checkpointLocation", checkpoint.toString()).foreachBatch(totals).start();
    }

    /** One line for a batch: the per-postcode sums of {@code rows} and the newest offset they include. */
    private static void report(String mode, Dataset<Row> rows) throws JsonProcessingException {
        Map<String, Long> totals = new TreeMap<>();
        long endOffset = -1;
        for (Row row : rows.groupBy(col("postcode")).agg(sum(col("num_bikes_available")).alias("bikes"),
                max(col("offset")).alias("offset")).collectAsList()) {
            totals.put(row.getString(0), row.isNullAt(1) ? 0 : row.getLong(1));
            endOffset = Math.max(endOffset, row.getLong(2));
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "batch");
        line.put("mode", mode);
        line.put("end_offset", endOffset);
        line.put("totals", totals);
        emit(line);
    }

    private static synchronized void emit(Map<String, ?> line) throws JsonProcessingException {
        System.out.println("VELIB " + JSON.writeValueAsString(line));
        System.out.flush();
    }

    private static void awaitStdinClosed(long timeoutMs) throws Exception {
        Thread reader = new Thread(() -> {
            try {
                System.in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException closed) {
                // stdin gone: the stage ended
            }
        }, "stdin-watch");
        reader.setDaemon(true);
        reader.start();
        reader.join(timeoutMs);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}

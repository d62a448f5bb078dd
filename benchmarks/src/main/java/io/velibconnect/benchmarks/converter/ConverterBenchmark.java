package io.velibconnect.benchmarks.converter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.velibconnect.benchmarks.TestData;
import io.velibconnect.converter.StreamingJsonConverter;
import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.records.StationSchemas;
import io.velibconnect.source.StationRecords;

/**
 * Per-record cost of reading a station status written by the source (JSON with its schema, 1.2 KB) and of writing
 * one back, with Connect's {@link JsonConverter} and with {@link StreamingJsonConverter}, over the 1486 stations of a
 * real Vélib' snapshot; and of reading them spaced differently, which our converter reads with Jackson's tokens
 * instead of its compact reader. Each operation is one record (a whole snapshot per invocation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConverterBenchmark {

    private static final int STATIONS = 1486;
    private static final String TOPIC = "velib-projet";

    private List<Struct> structs;
    private List<byte[]> records;
    /** The same records with a space after each comma of the payload: read with Jackson's tokens, not compactly. */
    private List<byte[]> spaced;
    private Converter json;
    private Converter station;

    @Setup
    public void setUp() throws IOException, FeedException {
        Path file = TestData.file(TestData.VELIB_STATUS);
        structs = new FeedParser("en", FeedLimits.DEFAULTS).parseStatus(Files.readAllBytes(file)).stations().stream()
                .map(s -> StationRecords.status(s, "velib")).toList();
        if (structs.size() != STATIONS) {
            throw new IllegalStateException("expected " + STATIONS + " stations, got " + structs.size());
        }
        json = configured(new JsonConverter());
        station = configured(new StreamingJsonConverter());
        records = structs.stream().map(s -> json.fromConnectData(TOPIC, StationSchemas.STATUS, s)).toList();
        spaced = records.stream().map(ConverterBenchmark::spacePayload).toList();
        for (List<byte[]> set : List.of(records, spaced)) {
            for (byte[] record : set) {
                if (!json.toConnectData(TOPIC, record).equals(station.toConnectData(TOPIC, record))) {
                    throw new IllegalStateException("the converters disagree on " + new String(record));
                }
            }
        }
    }

    private static byte[] spacePayload(byte[] record) {
        String json = new String(record, StandardCharsets.UTF_8);
        int payload = json.indexOf("\"payload\":");
        return (json.substring(0, payload) + json.substring(payload).replace(",\"", ", \""))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Converter configured(Converter converter) {
        converter.configure(Map.of("schemas.enable", "true"), false);
        return converter;
    }

    @Benchmark
    @OperationsPerInvocation(STATIONS)
    public int readJsonConverter() {
        return read(json);
    }

    @Benchmark
    @OperationsPerInvocation(STATIONS)
    public int readStreamingJsonConverter() {
        return read(station);
    }

    @Benchmark
    @OperationsPerInvocation(STATIONS)
    public int readStreamingJsonConverterTokens() {
        return read(station, spaced);
    }

    @Benchmark
    @OperationsPerInvocation(STATIONS)
    public int writeJsonConverter() {
        return write(json);
    }

    @Benchmark
    @OperationsPerInvocation(STATIONS)
    public int writeStreamingJsonConverter() {
        return write(station);
    }

    private int read(Converter converter) {
        return read(converter, records);
    }

    private static int read(Converter converter, List<byte[]> records) {
        int fields = 0;
        for (byte[] record : records) {
            fields += ((Struct) converter.toConnectData(TOPIC, record).value()).getInt32("num_bikes_available");
        }
        return fields;
    }

    private int write(Converter converter) {
        int bytes = 0;
        for (Struct struct : structs) {
            bytes += converter.fromConnectData(TOPIC, StationSchemas.STATUS, struct).length;
        }
        return bytes;
    }
}

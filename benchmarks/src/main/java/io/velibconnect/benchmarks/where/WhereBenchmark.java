package io.velibconnect.benchmarks.where;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Filter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.RecordIsTombstone;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.velibconnect.transforms.Select;
import io.velibconnect.transforms.Where;

/**
 * Per-record cost of filtering the 1486 stations of a real Vélib' snapshot down to 16107 and 32017:
 * our compiled WHERE (Struct and schemaless map), the same test hand-written in Java, and Kafka's
 * {@code Filter} with a {@code RecordIsTombstone} predicate (what Connect runs per record for a conditional
 * built-in SMT: the floor of any SMT's cost). Select is measured beside them for reference.
 * Each operation is one record (a whole snapshot per invocation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WhereBenchmark {

    private static final int STATIONS = 1486;
    private static final String CONDITION = "stationCode IN ('16107', '32017')";

    private List<SourceRecord> structs;
    private List<SourceRecord> maps;
    private Transformation<SourceRecord> where;
    private Transformation<SourceRecord> handWritten;
    private Transformation<SourceRecord> filter;
    private RecordIsTombstone<SourceRecord> tombstone;
    private Transformation<SourceRecord> select;

    @Setup
    public void setUp() {
        structs = VelibStatusSnapshot.records(true);
        maps = VelibStatusSnapshot.records(false);
        if (structs.size() != STATIONS) {
            throw new IllegalStateException("expected " + STATIONS + " stations, got " + structs.size());
        }
        where = new Where.Value<>();
        where.configure(Map.of("where", CONDITION));
        handWritten = new HandWrittenStationFilter();
        filter = new Filter<>();
        filter.configure(Map.of());
        tombstone = new RecordIsTombstone<>();
        tombstone.configure(Map.of());
        select = new Select.Value<>();
        select.configure(Map.of("select", "stationCode, num_bikes_available AS bikes, mechanical + ebike AS total"));
        check(where, structs);
        check(where, maps);
        check(handWritten, structs);
    }

    private static void check(Transformation<SourceRecord> transform, List<SourceRecord> records) {
        int kept = run(transform, records);
        if (kept != 2) {
            throw new IllegalStateException(transform + " kept " + kept + " stations, not 2");
        }
    }

    private static int run(Transformation<SourceRecord> transform, List<SourceRecord> records) {
        int kept = 0;
        for (SourceRecord record : records) {
            if (transform.apply(record) != null) {
                kept++;
            }
        }
        return kept;
    }

    @Benchmark
    @OperationsPerInvocation(STATIONS)
    public int whereCompiledStruct() {
        return run(where, structs);
    }

    @Benchmark
    @OperationsPerInvocation(STATIONS)
    public int whereCompiledSchemalessMap() {
        return run(where, maps);
    }

    @Benchmark
    @OperationsPerInvocation(STATIONS)
    public int handWrittenJavaPredicate() {
        return run(handWritten, structs);
    }

    /** What Connect's PredicatedTransformation does per record for Filter + RecordIsTombstone. */
    @Benchmark
    @OperationsPerInvocation(STATIONS)
    public int kafkaFilterIfTombstone() {
        int kept = 0;
        for (SourceRecord record : structs) {
            SourceRecord out = tombstone.test(record) ? filter.apply(record) : record;
            if (out != null) {
                kept++;
            }
        }
        return kept;
    }

    @Benchmark
    @OperationsPerInvocation(STATIONS)
    public int selectThreeColumnsStruct() {
        return run(select, structs);
    }
}

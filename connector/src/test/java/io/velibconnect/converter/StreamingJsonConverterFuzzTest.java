package io.velibconnect.converter;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Coverage-guided fuzzing of {@link StreamingJsonConverter#toConnectData} with {@link JsonConverter} as the oracle:
 * for every input both give the same schema and value, or both throw a DataException. The inputs are arbitrary
 * bytes, or a recorded station record (status, information or key) edited by the fuzzer. Without JAZZER_FUZZ this
 * replays the committed inputs under {@code StreamingJsonConverterFuzzTestInputs/}.
 */
class StreamingJsonConverterFuzzTest {

    private static final String TOPIC = RecordedStationRecords.TOPIC;
    private static final int MAX_EDITS = 8;
    private static final JsonConverter REFERENCE = configured(new JsonConverter());
    private static final List<byte[]> RECORDS = sample();

    /** A few hundred records of every recorded feed, and two keys; the first three teach the envelopes. */
    private static List<byte[]> sample() {
        try {
            RecordedStationRecords recorded = RecordedStationRecords.read();
            byte[] key = REFERENCE.fromConnectData(TOPIC, Schema.STRING_SCHEMA, "16107");
            byte[] otherKey = REFERENCE.fromConnectData(TOPIC, Schema.STRING_SCHEMA, "é\"\\");
            List<byte[]> statuses = recorded.statuses();
            List<byte[]> informations = recorded.informations();
            return Stream.concat(Stream.of(statuses.get(0), informations.get(0), key, otherKey),
                    Stream.concat(every(statuses, 150), every(informations, 75))).toList();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the recorded feeds", e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void readsEveryRecordAsJsonConverterReadsIt(FuzzedDataProvider data) {
        StreamingJsonConverter converter = configured(new StreamingJsonConverter());
        for (byte[] teacher : RECORDS.subList(0, 3)) {
            converter.toConnectData(TOPIC, teacher);
        }
        byte[] record = data.consumeBoolean() ? data.consumeRemainingAsBytes() : edited(data);
        ReadOutcome.assertSame(ReadOutcome.of(REFERENCE, TOPIC, record), ReadOutcome.of(converter, TOPIC, record),
                record);
    }

    /** A recorded record with up to {@link #MAX_EDITS} byte replacements, deletions and insertions. */
    private static byte[] edited(FuzzedDataProvider data) {
        byte[] record = RECORDS.get(data.consumeInt(0, RECORDS.size() - 1));
        for (int edits = data.consumeInt(0, MAX_EDITS); edits > 0 && record.length > 0; edits--) {
            int at = data.consumeInt(0, record.length - 1);
            record = switch (data.consumeInt(0, 2)) {
                case 0 -> splice(record, at, 1, new byte[] {data.consumeByte()});
                case 1 -> splice(record, at, data.consumeInt(1, record.length - at), new byte[0]);
                default -> splice(record, at, 0, data.consumeBytes(data.consumeInt(1, 16)));
            };
        }
        return record;
    }

    /** {@code record} with {@code removed} bytes at {@code at} replaced by {@code inserted}. */
    private static byte[] splice(byte[] record, int at, int removed, byte[] inserted) {
        byte[] out = Arrays.copyOf(record, record.length - removed + inserted.length);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(record, at + removed, out, at + inserted.length, record.length - at - removed);
        return out;
    }

    private static Stream<byte[]> every(List<byte[]> records, int step) {
        return IntStream.range(0, records.size() / step).mapToObj(i -> records.get(i * step));
    }

    private static <C extends JsonConverter> C configured(C converter) {
        converter.configure(Map.of(), false);
        return converter;
    }
}

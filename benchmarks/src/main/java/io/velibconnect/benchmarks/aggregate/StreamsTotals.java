package io.velibconnect.benchmarks.aggregate;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.velibconnect.aggregate.BadStationRecord;
import io.velibconnect.aggregate.GroupTotals;
import io.velibconnect.aggregate.InputRecords;
import io.velibconnect.aggregate.metadata.Placement;
import io.velibconnect.aggregate.metadata.Placements;
import io.velibconnect.aggregate.StationState;
import io.velibconnect.aggregate.TotalsRecords;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The Kafka Streams peer of the aggregator: the same totals, written the idiomatic DSL way. Status records
 * (JSON with schemas, decoded by the converter the aggregator is given, then read by the aggregator's own
 * {@link InputRecords}) are reduced to a table of each station's
 * latest status (same order, {@link StationState#supersedes}), re-grouped by the station's group, and aggregated
 * with an adder and a subtractor into the group's members, from which the totals record is computed.
 *
 * <p>Metadata comes from a {@link Placements} given up front (the seed's CSV plus the information snapshot): a
 * KTable cannot be joined to a GlobalKTable, so following the information topic would need a third table join;
 * for the benchmark the metadata does not change.
 */
public final class StreamsTotals {

    private StreamsTotals() {
    }

    /**
     * @param converters make the converter that reads the status values and writes the totals, the class the
     *                   aggregator is given as its {@code value.converter} and {@code output.converter} (both with
     *                   {@code schemas.enable=true})
     * @param serdes     the serdes of the stores and the repartition topic
     */
    public static Topology topology(String input, String output, Placements placements,
                                    Supplier<? extends Converter> converters, StateSerdes serdes) {
        Serde<StationState> stateSerde = serdes.state();
        ThreadLocal<Converter> writer = ThreadLocal.withInitial(() -> withSchemas(converters.get()));
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, StationState> latest = builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .processValues(() -> new StatusParser(input, converters.get()))
                .filter((key, state) -> state != null)
                .groupByKey(Grouped.with(Serdes.String(), stateSerde))
                .reduce((held, next) -> next.supersedes(held) ? next : held,
                        Materialized.with(Serdes.String(), stateSerde));
        latest.groupBy((key, state) -> KeyValue.pair(placements.of(state.systemId(), state.stationId(), state.stationCode()).group(),
                                state), Grouped.with(Serdes.String(), stateSerde))
                .aggregate(TreeMap::new,
                        (group, state, members) -> {
                            members.put(state.stationId(), state);
                            return members;
                        },
                        (group, state, members) -> {
                            members.remove(state.stationId(), state);
                            return members;
                        },
                        Materialized.with(Serdes.String(), serdes.members()))
                .toStream()
                .mapValues((group, members) -> members == null || members.isEmpty() ? null
                        : writer.get().fromConnectData(output, TotalsRecords.VALUE,
                                TotalsRecords.toStruct(totals(group, members, placements))))
                .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    /** Sums the members from scratch: the peer keeps no running sums. */
    static GroupTotals totals(String group, Map<String, StationState> members, Placements placements) {
        long bikes = 0;
        long mechanical = 0;
        long ebike = 0;
        long docks = 0;
        long capacity = 0;
        long timestamp = Long.MIN_VALUE;
        Long lastReported = null;
        Placement labels = null;
        for (StationState s : members.values()) {
            Placement placement = placements.of(s.systemId(), s.stationId(), s.stationCode());
            labels = Objects.requireNonNullElse(labels, placement);
            bikes += s.bikes();
            mechanical += s.mechanical();
            ebike += s.ebike();
            docks += s.docks();
            capacity += placement.capacity();
            timestamp = Math.max(timestamp, s.lastUpdated());
            if (s.lastReported() != null && (lastReported == null || s.lastReported() > lastReported)) {
                lastReported = s.lastReported();
            }
        }
        return new GroupTotals(group, labels.labels(), members.size(), bikes, mechanical, ebike,
                docks, capacity, timestamp, lastReported);
    }

    private static Converter withSchemas(Converter converter) {
        converter.configure(Map.of("schemas.enable", "true"), false);
        return converter;
    }

    /** Reads a status record into a {@link StationState}, with its offset; bad records become null (dropped). */
    private static final class StatusParser implements FixedKeyProcessor<String, byte[], StationState> {
        private final String topic;
        private final Converter converter;
        private FixedKeyProcessorContext<String, StationState> context;

        StatusParser(String topic, Converter converter) {
            this.topic = topic;
            this.converter = withSchemas(converter);
        }

        @Override
        public void init(FixedKeyProcessorContext<String, StationState> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            long offset = context.recordMetadata().orElseThrow().offset();
            StationState state = null;
            if (record.value() != null) {
                try {
                    SchemaAndValue value = converter.toConnectData(topic, record.value());
                    state = InputRecords.status(record.key(), value.value(), offset);
                } catch (BadStationRecord | RuntimeException e) {
                    state = null;
                }
            }
            context.forward(record.withValue(state));
        }
    }
}

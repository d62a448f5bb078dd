package io.velibconnect.aggregate;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Writes what a batch changed: one totals record per changed group (a tombstone for an emptied group; nothing
 * when the group's record equals the last one written), sent at the end of each batch, and the changed
 * stations' changelog entries, sent only at commit time <em>after</em> the totals are flushed.
 *
 * <p>That order is what makes a crash at any point safe: a changelog entry exists only for statuses whose totals
 * are already durable, and input offsets are committed only after both. After a restart, records past the
 * committed offsets are applied again; those already in the restored changelog are no-ops (see
 * {@link StationState}), the others recompute and rewrite their groups.
 */
public final class TotalsPublisher {

    private final String outputTopic;
    private final Converter converter;
    private final StateChangelog changelog;
    private final Producer<byte[], byte[]> producer;
    private final Set<String> changedGroups = new LinkedHashSet<>();
    /** A null state is a station that left the feed. */
    private final Map<String, StationState> changedStations = new LinkedHashMap<>();
    private final Map<String, GroupTotals> written = new HashMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Callback onFailure = (metadata, e) -> {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    };

    public TotalsPublisher(String outputTopic, Converter converter, StateChangelog changelog,
                           Producer<byte[], byte[]> producer) {
        this.outputTopic = outputTopic;
        this.converter = converter;
        this.changelog = changelog;
        this.producer = producer;
    }

    public void groupsChanged(Collection<String> groups) {
        changedGroups.addAll(groups);
    }

    /** @param station the station's identity ({@link Totals#identity}) */
    public void stationChanged(String station, StationState state) {
        changedStations.put(station, state);
    }

    /** The station left the feed: its changelog entry becomes a tombstone, so a restore does not bring it back. */
    public void stationRemoved(String station) {
        changedStations.put(station, null);
    }

    /** Sends the totals of the groups changed since the last call; returns how many records were sent. */
    public int sendTotals(Totals totals) {
        int sent = 0;
        for (String group : changedGroups) {
            Optional<GroupTotals> now = totals.snapshot(group);
            GroupTotals before = now.isPresent() ? written.put(group, now.get()) : written.remove(group);
            if (now.isPresent() && now.get().equals(before)) {
                continue;
            }
            byte[] key = group.getBytes(StandardCharsets.UTF_8);
            byte[] value = now.map(t -> converter.fromConnectData(outputTopic, TotalsRecords.VALUE,
                    TotalsRecords.toStruct(t))).orElse(null);
            producer.send(new ProducerRecord<>(outputTopic, key, value), onFailure);
            sent++;
        }
        changedGroups.clear();
        return sent;
    }

    /** Makes the totals durable, then the changelog; throws when any write failed (the task then restarts). */
    public void flush() {
        producer.flush();
        check();
        changedStations.forEach((station, state) -> producer.send(state == null ? changelog.tombstone(station)
                : changelog.entry(station, state), onFailure));
        changedStations.clear();
        producer.flush();
        check();
    }

    private void check() {
        Exception e = failure.getAndSet(null);
        if (e != null) {
            throw new ConnectException("Writing totals or state failed; offsets are not committed", e);
        }
    }
}

package io.velibconnect.aggregate;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Writes what a batch changed: one totals record per changed group (a tombstone for an emptied group; nothing
 * when the group's record equals the last one written), sent at the end of each batch, and the changed
 * stations' changelog entries, sent at commit time <em>after</em> the totals are flushed; input offsets are
 * committed only after both. After a restart, records past the committed offsets are applied again; those already
 * in the restored changelog are no-ops (see {@link StationState}), the others recompute and rewrite their groups.
 *
 * <p>A station that is new to this task or moved to another group has its entry written <em>before</em> the
 * first totals that count it there, naming that group and the one it left, once every total sent before is
 * durable. So whatever the moment a task is killed, every group whose published total counts a station is named
 * by the station's last durable entry, and the next owner, placing the station elsewhere (its metadata changed
 * meanwhile), rewrites that group; without it, the total would keep counting the station.
 */
public final class TotalsPublisher {

    private final String outputTopic;
    private final Converter converter;
    private final StateChangelog changelog;
    private final Producer<byte[], byte[]> producer;
    /** By station identity; an entry with a null state is a station that left the feed. */
    private final Map<String, ChangelogEntry> changedStations = new LinkedHashMap<>();
    /**
     * Stations whose entry is written before the next totals, with the group each left (null for a station new
     * to this task, which left none).
     */
    private final Map<String, String> beforeTotals = new HashMap<>();
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

    /**
     * The station's status or group changed: its entry is written at the next commit or, when it is new here or
     * moved, before the next totals.
     *
     * @param station  the station's identity ({@link Totals#identity})
     * @param input    the input partition of the station's records, which decides its state partition
     * @param group    the totals key of the group it is counted in now (its entry records it)
     * @param previous the group it was counted in before, or null when this task did not hold it
     */
    public void stationChanged(String station, StationState state, TopicPartition input, String group,
                               String previous) {
        changedStations.put(station, new ChangelogEntry(state, input, group, null));
        if (previous == null) {
            beforeTotals.putIfAbsent(station, null);
        } else if (!previous.equals(group) && beforeTotals.get(station) == null) {
            // moved twice before any totals were sent: the group it first left is the one published with it
            beforeTotals.put(station, previous);
        }
    }

    /** The station left the feed: its changelog entry becomes a tombstone, so a restore does not bring it back. */
    public void stationRemoved(String station, TopicPartition input) {
        changedStations.put(station, new ChangelogEntry(null, input, null, null));
        beforeTotals.remove(station);
    }

    /**
     * Another task owns these groups and stations (identities) now (see {@link Totals#handOver}): no changelog
     * entry pending for the stations is written, and what was written for the groups is forgotten, so that their
     * totals are sent again should they come back (the other task may have changed them meanwhile).
     */
    public void handedOver(Collection<String> groups, Collection<String> stations) {
        groups.forEach(written::remove);
        stations.forEach(changedStations::remove);
        stations.forEach(beforeTotals::remove);
    }

    /**
     * Sends the totals of the groups changed since the last call ({@link Totals#drainChangedGroups}); returns how
     * many records were sent. Sends none once a write failed: the next {@link #flush} reports the failure.
     */
    public int sendTotals(Totals totals) {
        if (!writeEntriesBeforeTotals()) {
            return 0;
        }
        int sent = 0;
        for (String group : totals.drainChangedGroups()) {
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
        return sent;
    }

    /** Makes the totals durable, then the changelog; throws when any write failed (the task then restarts). */
    public void flush() {
        producer.flush();
        check();
        changedStations.forEach((station, entry) -> producer.send(changelog.entry(station, entry), onFailure));
        changedStations.clear();
        beforeTotals.clear();
        producer.flush();
        check();
    }

    /**
     * Makes the totals sent so far durable (those of the groups a station left among them), then the entries of
     * the stations added or moved since; false when a write failed.
     */
    private boolean writeEntriesBeforeTotals() {
        if (!beforeTotals.isEmpty()) {
            producer.flush();
            beforeTotals.forEach((station, left) -> {
                // a moved station's entry is written again at commit, without the group it left
                ChangelogEntry entry = left == null ? changedStations.remove(station) : changedStations.get(station);
                producer.send(changelog.entry(station, new ChangelogEntry(entry.state(), entry.input(),
                        entry.group(), left)), onFailure);
            });
            beforeTotals.clear();
            producer.flush();
        }
        return failure.get() == null;
    }

    private void check() {
        Exception e = failure.getAndSet(null);
        if (e != null) {
            throw new ConnectException("Writing totals or state failed; offsets are not committed", e);
        }
    }
}

package io.velibconnect.aggregate;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.velibconnect.aggregate.metadata.Placement;
import io.velibconnect.aggregate.metadata.Placements;

/**
 * Per-group totals of each station's latest status, kept incrementally.
 *
 * <p>Holds the latest {@link StationState} per station (see its class doc for the order) and, per group, running
 * sums of its stations. Applying a status subtracts the station's previous contribution and adds the new one, in
 * the same call, so a station that moves group leaves the old sum at once; a status that does not supersede the
 * held one changes nothing. Only each station's latest status is counted; the original Spark job summed every
 * record ever seen.
 *
 * <p>A station is identified as {@link GroupKey#station} says: its station_id, or (system_id, station_id) when
 * several systems are counted. A station that left the feed arrives as a tombstone keyed by its record key
 * ({@link GroupKey#recordKeys}) and is found through {@link #station(String)}. A tombstone carries no last_updated, so it is applied in
 * offset order like any record: it removes whatever status is held, and a later status of that key (the station
 * came back) is applied as a new station.
 *
 * <p>Every change is remembered until {@link #drainChangedGroups} hands it to whoever writes the totals, so the
 * groups to write are known here, where they change.
 *
 * <p>A station applied here for the first time may have been counted before by an owner whose record of it is lost
 * (the state topic was deleted, or another connector counted it in the same output topic; a crash loses nothing,
 * as a new station's entry is written before its totals). Placed in a group here, it
 * may still be counted in its system's unknown group, where that owner put it if its metadata had not arrived: so
 * the unknown group of a new station's system is reported changed too, and its total written again (a tombstone
 * when empty). A restored station needs none of this: its entry names the group it was last published in.
 *
 * <p>Not thread-safe: one sink task owns one instance.
 */
public final class Totals {

    /**
     * A station's latest status, where it is counted, and that group's sums. Mutable so that the common update (a
     * newer status, same place) is one map lookup.
     */
    private static final class Held {
        private StationState state;
        private final Placement placement;
        private final GroupSums sums;

        Held(StationState state, Placement placement, GroupSums sums) {
            this.state = state;
            this.placement = placement;
            this.sums = sums;
        }

        StationState state() {
            return state;
        }

        Placement placement() {
            return placement;
        }
    }

    private final Placements placements;
    private final GroupKey key;
    private final String unknownGroup;
    private final Map<String, Held> stations = new HashMap<>();
    private final Map<String, GroupSums> groups = new HashMap<>();
    private final Map<String, String> idsByKey = new HashMap<>();
    /** Groups whose totals changed since the last {@link #drainChangedGroups}, in the order they changed. */
    private Set<String> changed = new LinkedHashSet<>();

    /** @param unknownGroup the group of a station without metadata ({@link Grouping#unknownGroup}) */
    public Totals(Placements placements, GroupKey key, String unknownGroup) {
        this.placements = placements;
        this.key = key;
        this.unknownGroup = unknownGroup;
    }

    /** The station's identity: the key of its state here and in the changelog. */
    public String identity(StationState status) {
        return key.station(status.systemId(), status.stationId());
    }

    /** Applies one status; returns false when it is not newer than the one held (nothing changed). */
    public boolean apply(StationState status) {
        Held held = stations.get(identity(status));
        if (held == null) {
            changed.add(key.group(status.systemId(), unknownGroup)); // see the class doc
        }
        return applyOver(held, status);
    }

    private boolean applyOver(Held held, StationState status) {
        if (held != null && !status.supersedes(held.state())) {
            return false;
        }
        place(status, held, true);
        return true;
    }

    /**
     * Restores a station from its changelog entry, which named the groups whose published totals may count it
     * ({@link ChangelogEntry#group} and {@link ChangelogEntry#left}, each null when absent). Where the station is
     * placed elsewhere now (its metadata arrived or changed since the entry was written, as seen by a task that
     * did not count it then), those groups are reported changed too: the output may still hold their totals
     * counting the station, and their stations are this task's now, so their totals are written again (a
     * tombstone when none is held).
     */
    public void restore(StationState status, String recordedGroup, String leftGroup) {
        applyOver(stations.get(identity(status)), status);
        String now = placement(identity(status)).group();
        for (String named : new String[] {recordedGroup, leftGroup}) {
            if (named != null && !named.equals(now)) {
                changed.add(named);
            }
        }
    }

    /**
     * Places the station again after its metadata changed (new postcode, capacity); returns true when that moved
     * it to another group (its changelog entry, which records its group, must then be written again).
     */
    public boolean replace(String station) {
        Held held = stations.get(station);
        if (held == null) {
            return false;
        }
        String before = held.placement().group();
        place(held.state(), held, false);
        return !before.equals(placement(station).group());
    }

    /**
     * Forgets a station (it left the feed, or its changelog entry was deleted); returns the group it was counted
     * in, null for a station not held.
     */
    public String remove(String station) {
        Held held = drop(station);
        if (held == null) {
            return null;
        }
        changed.add(held.placement().group());
        return held.placement().group();
    }

    /**
     * Forgets stations another owner counts now; returns the groups they were counted in. Those groups are not
     * reported as changed (not even by an earlier change): their totals are the new owner's to write.
     */
    public Set<String> handOver(Collection<String> stations) {
        Set<String> groups = new HashSet<>();
        for (String station : stations) {
            Held held = drop(station);
            if (held != null) {
                groups.add(held.placement().group());
            }
        }
        changed.removeAll(groups);
        return groups;
    }

    private Held drop(String station) {
        Held held = stations.remove(station);
        if (held != null) {
            forget(held.state(), station);
            subtract(held);
        }
        return held;
    }

    /** The groups whose totals changed since the last call, in the order they changed; forgets them. */
    public Set<String> drainChangedGroups() {
        Set<String> drained = changed;
        changed = new LinkedHashSet<>();
        return Collections.unmodifiableSet(drained);
    }

    /** The identity of the station held under a record key ({@link GroupKey#recordKeys}), or null. */
    public String station(String recordKey) {
        return idsByKey.get(recordKey);
    }

    /** The systems of the stations held (those whose records name one). */
    public Set<String> systems() {
        Set<String> systems = new HashSet<>();
        stations.values().forEach(held -> {
            if (held.state().systemId() != null) {
                systems.add(held.state().systemId());
            }
        });
        return systems;
    }

    private void index(StationState state, String station) {
        key.recordKeys(state.systemId(), state.stationCode(), state.stationId())
                .forEach(recordKey -> idsByKey.put(recordKey, station));
    }

    private void forget(StationState state, String station) {
        key.recordKeys(state.systemId(), state.stationCode(), state.stationId())
                .forEach(recordKey -> idsByKey.remove(recordKey, station));
    }

    /**
     * A station's placement only changes with its metadata, which goes through {@link #replace}, or with its
     * code (the CSV fallback) or named system (a label, and a record key); otherwise the held placement is reused,
     * which keeps a status update to one map lookup and a few additions.
     */
    private void place(StationState status, Held previous, boolean samePlacement) {
        boolean sameCode = previous != null
                && Objects.equals(previous.state().stationCode(), status.stationCode())
                && Objects.equals(previous.state().systemId(), status.systemId());
        Placement placement = samePlacement && sameCode ? previous.placement()
                : placements.of(status.systemId(), status.stationId(), status.stationCode());
        String station = identity(status);
        if (previous != null && previous.placement().equals(placement)) {
            StationState before = previous.state();
            previous.sums.update(before, status);
            previous.state = status;
            if (!sameCode) {
                forget(before, station);
                index(status, station);
            }
            changed.add(placement.group());
            return;
        }
        if (previous != null) {
            forget(previous.state(), station);
            subtract(previous);
            changed.add(previous.placement().group());
        }
        GroupSums sums = groups.computeIfAbsent(placement.group(), g -> new GroupSums());
        sums.add(station, status, placement);
        stations.put(station, new Held(status, placement, sums));
        index(status, station);
        changed.add(placement.group());
    }

    private void subtract(Held held) {
        held.sums.subtract(identity(held.state()), held.state(), held.placement());
        if (held.sums.isEmpty()) {
            groups.remove(held.placement().group());
        }
    }

    /** The group's totals now, or empty when no station belongs to it any more (write a tombstone). */
    public Optional<GroupTotals> snapshot(String group) {
        GroupSums sums = groups.get(group);
        return sums == null ? Optional.empty() : Optional.of(sums.totals(group, stations));
    }

    /** The station's latest status, or null when it is not held. */
    public StationState state(String station) {
        Held held = stations.get(station);
        return held == null ? null : held.state();
    }

    /** Where the station is counted, or null when it is not held. */
    public Placement placement(String station) {
        Held held = stations.get(station);
        return held == null ? null : held.placement();
    }

    public Set<String> groups() {
        return Set.copyOf(groups.keySet());
    }

    /** Number of stations counted in {@code group} now. */
    public int stationsIn(String group) {
        GroupSums sums = groups.get(group);
        return sums == null ? 0 : sums.members.size();
    }

    /** Number of stations held (the state size). */
    public int size() {
        return stations.size();
    }

    private static final class GroupSums {
        private final Set<String> members = new HashSet<>();
        private final Maximum timestamp = new Maximum();
        private final Maximum lastReported = new Maximum();
        private GroupLabels labels;
        private long bikes;
        private long mechanical;
        private long ebike;
        private long docks;
        private long capacity;

        void add(String station, StationState s, Placement p) {
            members.add(station);
            labels = p.labels();
            bikes += s.bikes();
            mechanical += s.mechanical();
            ebike += s.ebike();
            docks += s.docks();
            capacity += p.capacity();
            timestamp.add(s.lastUpdated());
            lastReported.add(reported(s));
        }

        void subtract(String station, StationState s, Placement p) {
            members.remove(station);
            bikes -= s.bikes();
            mechanical -= s.mechanical();
            ebike -= s.ebike();
            docks -= s.docks();
            capacity -= p.capacity();
            timestamp.subtract(s.lastUpdated());
            lastReported.subtract(reported(s));
        }

        /** The same station, same placement, a newer status: only the differences move. */
        void update(StationState before, StationState after) {
            bikes += after.bikes() - before.bikes();
            mechanical += after.mechanical() - before.mechanical();
            ebike += after.ebike() - before.ebike();
            docks += after.docks() - before.docks();
            timestamp.subtract(before.lastUpdated());
            timestamp.add(after.lastUpdated());
            lastReported.subtract(reported(before));
            lastReported.add(reported(after));
        }

        boolean isEmpty() {
            return members.isEmpty();
        }

        GroupTotals totals(String group, Map<String, Held> stations) {
            if (timestamp.stale || lastReported.stale) {
                timestamp.reset();
                lastReported.reset();
                for (String id : members) {
                    StationState s = stations.get(id).state();
                    timestamp.add(s.lastUpdated());
                    lastReported.add(reported(s));
                }
            }
            return new GroupTotals(group, labels, members.size(), bikes, mechanical, ebike, docks, capacity,
                    timestamp.value, lastReported.value == Long.MIN_VALUE ? null : lastReported.value);
        }

        private static long reported(StationState s) {
            return s.lastReported() == null ? Long.MIN_VALUE : s.lastReported();
        }
    }

    /**
     * A maximum that survives removals without a scan in the common case: {@code value} is always at least every
     * member's value; it is exact unless {@code stale} (a removed value was the maximum), and a new value at
     * least as large makes it exact again. Only a stale maximum is recomputed, over the group's members.
     */
    private static final class Maximum {
        long value = Long.MIN_VALUE;
        boolean stale;

        void add(long v) {
            if (v >= value) {
                value = v;
                stale = false;
            }
        }

        void subtract(long v) {
            if (v == value) {
                stale = true;
            }
        }

        void reset() {
            value = Long.MIN_VALUE;
            stale = false;
        }
    }
}

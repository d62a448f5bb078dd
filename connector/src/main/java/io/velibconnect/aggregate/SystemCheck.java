package io.velibconnect.aggregate;

import java.util.Set;

import io.velibconnect.gbfs.LogText;

/**
 * Whether a status record's system fits group.key. With {@link GroupKey#SYSTEM_GROUP} every record must name its
 * system. With {@link GroupKey#GROUP} the task counts one system, the first one named (by the restored state or
 * the first record): a record of another system would share station ids and groups with it, so it is refused.
 * Records that name no system (sources that write none) are taken in group mode.
 */
public final class SystemCheck {

    private final GroupKey key;
    private String held;

    /** @param restored the systems of the restored state */
    public SystemCheck(GroupKey key, Set<String> restored) {
        this.key = key;
        this.held = restored.stream().sorted().findFirst().orElse(null);
    }

    public void accept(StationState status) throws BadStationRecord {
        String system = status.systemId();
        if (key == GroupKey.SYSTEM_GROUP) {
            if (system == null || system.isEmpty()) {
                throw new BadStationRecord(LogText.of(status.stationId()), "no system_id, which "
                        + AggregatorConfig.GROUP_KEY + "=" + GroupKey.SYSTEM_GROUP.configValue() + " needs");
            }
            return;
        }
        if (system == null) {
            return;
        }
        if (held == null) {
            held = system;
        } else if (!held.equals(system)) {
            throw new BadStationRecord(LogText.of(status.stationId()), "system_id '" + LogText.of(system)
                    + "', but this task counts system '" + LogText.of(held) + "' (" + AggregatorConfig.GROUP_KEY
                    + "=group counts one system; set " + AggregatorConfig.GROUP_KEY + "="
                    + GroupKey.SYSTEM_GROUP.configValue() + " to count several)");
        }
    }
}

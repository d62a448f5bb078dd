package io.velibconnect.aggregate;

/**
 * The totals of one group at one moment: sums over the group's stations of each station's latest status.
 *
 * @param timestamp    epoch millis: the newest feed update ({@code last_updated}) among the group's stations'
 *                     latest statuses, i.e. when the group's inputs last changed (state-determined, so a rebuild
 *                     gives the same value)
 * @param lastReported epoch millis: the newest {@code last_reported} among them, or null if none has one
 */
public record GroupTotals(String group, GroupLabels labels, int stations, long bikes, long mechanical,
                          long ebike, long docks, long capacity, long timestamp, Long lastReported) {
}

package io.velibconnect.aggregate;

import org.apache.kafka.common.TopicPartition;

/**
 * One changelog entry: a station's latest status, the input partition its records come from, which decides
 * the task that restores it, and the groups whose published totals may count it: the group it is counted in and,
 * while a move is not yet committed, the group it left. The task restoring the entry rewrites those groups should
 * it place the station elsewhere.
 *
 * @param state the status, or null for a station that left the feed (a tombstone to write)
 * @param input the input partition; entries written before it was recorded read as partition 0 of the
 *              connector's first input topic (see {@link ChangelogCodec#entry}), or null when that topic is unknown
 * @param group the totals key of the group the station is counted in, or null for a tombstone and for entries
 *              written before it was recorded
 * @param left  the totals key of the group the station was counted in before it moved to {@code group}, in an
 *              entry written before that move's totals (see {@link TotalsPublisher}); otherwise null
 */
public record ChangelogEntry(StationState state, TopicPartition input, String group, String left) {
}

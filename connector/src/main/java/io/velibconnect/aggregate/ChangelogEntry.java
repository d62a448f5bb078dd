package io.velibconnect.aggregate;

import org.apache.kafka.common.TopicPartition;

/**
 * One changelog entry: a station's latest status, the input partition its records come from, which decides
 * the task that restores it, and the group it was counted in when the entry was written (the last group its
 * totals were published in), which the task restoring it rewrites should it place the station elsewhere.
 *
 * @param state the status, or null for a station that left the feed (a tombstone to write)
 * @param input the input partition; entries written before it was recorded read as partition 0 of the
 *              connector's first input topic (see {@link ChangelogCodec#entry}), or null when that topic is unknown
 * @param group the totals key of the group the station was counted in, or null for a tombstone and for entries
 *              written before it was recorded
 */
public record ChangelogEntry(StationState state, TopicPartition input, String group) {
}

package io.velibconnect.aggregate;

import org.apache.kafka.common.TopicPartition;

/**
 * One changelog entry: a station's latest status and the input partition its records come from, which decides
 * the task that restores it.
 *
 * @param state the status, or null for a station that left the feed (a tombstone to write)
 * @param input the input partition; entries written before it was recorded read as partition 0 of the
 *              connector's first input topic (see {@link ChangelogCodec#entry}), or null when that topic is unknown
 */
public record ChangelogEntry(StationState state, TopicPartition input) {
}

package io.velibconnect.source;

/** What a source task shows over JMX, as {@code io.velibconnect:type=source-task,connector=<name>,task=<n>}. */
public interface SourceTaskMetricsMBean {

    long getPolls();

    long getPollErrors();

    long getNotModified();

    long getStaleSnapshots();

    long getLastPollLatencyMs();

    long getMaxPollLatencyMs();

    long getStationsSeen();

    long getStationsEmitted();

    long getStationsSuppressed();

    long getStationsRejected();

    /** Now minus the oldest last_updated of the task's status feeds, in seconds; -1 before the first body. */
    long getFeedAgeSeconds();

    /** Snapshots skipped because their last_updated lies beyond max.clock.skew.ms in the future. */
    long getFutureSnapshots();

    /** URLs of this task (gbfs.json or feeds) that have not answered usefully once since the task started. */
    long getFeedsNeverReached();

    /** The most failed polls in a row of any of this task's URLs, now. */
    long getMaxConsecutiveFailures();

    /** When, where and what last failed; feed text escaped, never a secret. */
    String getLastError();
}

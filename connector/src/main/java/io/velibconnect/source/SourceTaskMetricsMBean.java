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

    String getLastError();
}

package io.velibconnect.gbfs;

import java.time.Instant;
import java.util.List;

/**
 * One parsed feed body: its envelope and the stations that could be read; stations that could not are in
 * {@code rejections}, never silently dropped.
 *
 * @param lastUpdated the envelope time
 * @param ttlSeconds  the envelope's ttl, 0 where absent
 * @param stations    the stations, in feed order
 * @param rejections  the stations that were skipped
 */
public record FeedSnapshot<T>(Instant lastUpdated, int ttlSeconds, List<T> stations, List<Rejection> rejections) {

    public FeedSnapshot {
        stations = List.copyOf(stations);
        rejections = List.copyOf(rejections);
    }
}

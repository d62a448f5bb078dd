package io.velibconnect.source;

import io.velibconnect.gbfs.LogText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks source offsets a user submits through Connect's offsets API (KIP-875, {@code PATCH
 * /connectors/<name>/offsets}) before they are written: a partition the tasks would never read, or a digest they
 * would discard, would otherwise be accepted and then silently re-emit a whole feed (or never be used).
 * A null offset (forget a partition: its stations are emitted again) is accepted for any partition the tasks
 * read.
 */
final class OffsetsRequest {

    private static final String URL = "url";
    private static final String FEED = "feed";
    private static final String SHARD = "shard";
    private static final Set<String> FEEDS = Set.of(FeedKind.STATUS.name(), FeedKind.INFORMATION.name());

    private OffsetsRequest() {
    }

    /** Every problem of the request, one line each, empty when the tasks can use all of it. */
    static List<String> problems(Map<Map<String, ?>, Map<String, ?>> offsets) {
        List<String> problems = new ArrayList<>();
        offsets.forEach((partition, offset) -> {
            String where = "partition " + LogText.of(String.valueOf(partition), 200);
            try {
                Integer shard = shard(partition);
                if (offset != null) {
                    check(offset, shard);
                }
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        });
        return problems;
    }

    /** The partition's shard, or null for the single partition of earlier versions. */
    private static Integer shard(Map<String, ?> partition) {
        if (partition == null) {
            throw new IllegalArgumentException("a partition is required");
        }
        for (String key : partition.keySet()) {
            if (!Set.of(URL, FEED, SHARD).contains(key)) {
                throw new IllegalArgumentException("unknown key '" + LogText.of(key, 80) + "' (a partition has "
                        + "'url', 'feed' and 'shard')");
            }
        }
        if (!(partition.get(URL) instanceof String url) || !(url.startsWith("http://")
                || url.startsWith("https://"))) {
            throw new IllegalArgumentException("'url' must be the http(s) gbfs.url the feed was configured with");
        }
        if (!(partition.get(FEED) instanceof String feed) || !FEEDS.contains(feed)) {
            throw new IllegalArgumentException("'feed' must be " + FeedKind.STATUS.name() + " or "
                    + FeedKind.INFORMATION.name());
        }
        Object shard = partition.get(SHARD);
        if (shard == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(String.valueOf(shard));
            if (value >= 0 && value < EmittedDigest.SHARDS && String.valueOf(value).equals(shard)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("'shard' must be a string \"0\" to \"" + (EmittedDigest.SHARDS - 1)
                + "\"");
    }

    private static void check(Map<String, ?> offset, Integer shard) {
        for (String key : offset.keySet()) {
            if (!Set.of(EmittedDigest.LAST_UPDATED, EmittedDigest.STATIONS).contains(key)) {
                throw new IllegalArgumentException("unknown offset key '" + LogText.of(key, 80) + "' (an offset "
                        + "has '" + EmittedDigest.LAST_UPDATED + "' and '" + EmittedDigest.STATIONS + "')");
            }
        }
        if (!(offset.get(EmittedDigest.LAST_UPDATED) instanceof Number time) || time.longValue() < -1) {
            throw new IllegalArgumentException("'" + EmittedDigest.LAST_UPDATED + "' must be the feed's "
                    + "last_updated in epoch milliseconds (-1: none)");
        }
        if (!(offset.get(EmittedDigest.STATIONS) instanceof String digest)) {
            throw new IllegalArgumentException("'" + EmittedDigest.STATIONS + "' must be a digest string");
        }
        Map<String, Long> emitted = EmittedDigest.parse(digest);
        if (shard == null) {
            return;
        }
        for (String key : emitted.keySet()) {
            if (EmittedDigest.shard(key) != shard) {
                throw new IllegalArgumentException("station " + LogText.of(key, 80) + " belongs to shard "
                        + EmittedDigest.shard(key) + ", not " + shard + ": the task would never find it there");
            }
        }
    }
}

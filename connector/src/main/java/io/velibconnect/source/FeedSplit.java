package io.velibconnect.source;

import org.apache.kafka.connect.util.ConnectorUtils;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The feeds each task polls: the configured gbfs.url entries, then the catalogue's chosen systems not already
 * among them, in contiguous groups. The same inputs always give the same groups, so a catalogue refresh that
 * changes nothing moves no feed; no feed goes to two tasks.
 */
final class FeedSplit {

    private FeedSplit() {
    }

    static List<List<String>> of(List<String> configured, List<String> catalogued, int maxTasks) {
        Set<String> feeds = new LinkedHashSet<>(configured);
        feeds.addAll(catalogued);
        if (feeds.isEmpty()) {
            return List.of();
        }
        return ConnectorUtils.groupPartitions(new ArrayList<>(feeds), Math.min(maxTasks, feeds.size()));
    }
}

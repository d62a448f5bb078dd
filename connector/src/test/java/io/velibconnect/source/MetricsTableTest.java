package io.velibconnect.source;

import io.velibconnect.aggregate.AggregatorMetrics;
import io.velibconnect.testing.PluginMetricsReadout;
import io.velibconnect.testing.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/metrics.md lists every metric both connectors register, with the description each gives Kafka: the metrics
 * objects run here on a real Metrics registry, every per-feed figure touched once, and what they registered must be
 * the table's rows (on a mismatch the message holds the table to paste).
 */
class MetricsTableTest {

    private static final String URL = "http://127.0.0.1/station_status.json";

    @Test
    void docsMetricsMdListsEveryRegisteredMetric() throws IOException {
        List<String> registered;
        try (PluginMetricsReadout source = new PluginMetricsReadout();
             PluginMetricsReadout aggregator = new PluginMetricsReadout()) {
            SourceTaskMetrics sourceMetrics = new SourceTaskMetrics(Clock.systemUTC(), source.plugin());
            sourceMetrics.polled(URL, 1);
            sourceMetrics.feedTime(URL, Instant.now());
            Arrays.stream(PollFailure.values()).forEach(cause -> sourceMetrics.failed(URL, cause, "failed"));
            new AggregatorMetrics(aggregator.plugin(), () -> 0, () -> 0);
            registered = Stream.concat(rows("source", source), rows("aggregator", aggregator)).sorted().toList();
        }
        List<String> documented = Files.readAllLines(TestData.dir("../docs/metrics.md").normalize(),
                        StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("| source ") || line.startsWith("| aggregator "))
                .map(line -> line.replace("`", "")).sorted().toList();

        assertEquals(String.join("\n", registered), String.join("\n", documented),
                "docs/metrics.md is not the metrics registered; their rows (backticks aside):\n"
                        + String.join("\n", registered));
    }

    /** One table row per metric: connector, name, its own tags, description. */
    private static Stream<String> rows(String connector, PluginMetricsReadout readout) {
        return readout.names().stream()
                .map(name -> "| " + connector + " | " + name.name() + " | " + name.tags().keySet().stream()
                        .filter(tag -> !PluginMetricsReadout.TASK.containsKey(tag)).sorted()
                        .collect(Collectors.joining(", ")) + " | " + name.description() + " |");
    }
}

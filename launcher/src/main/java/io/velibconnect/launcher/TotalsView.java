package io.velibconnect.launcher;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Follows {@code velib-projet-final-data} from its start and shows the latest totals of every postcode: a table
 * redrawn on each change, or each totals record as one JSON line (for scripts). A tombstone removes its postcode.
 */
final class TotalsView {

    private final String bootstrapServers;
    private final String topic;
    private final DemoOptions.Output output;
    private final PrintStream out;
    private final String footer;
    private final Clock clock;
    private final Map<String, PostcodeTotals> latest = new TreeMap<>();

    TotalsView(String bootstrapServers, String topic, DemoOptions.Output output, PrintStream out, String footer,
               Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.output = output;
        this.out = out;
        this.footer = footer;
        this.clock = clock;
    }

    /** Runs until {@code stopped} says so, or until no totals changed for {@code idleSeconds} after the first. */
    void follow(BooleanSupplier stopped, OptionalLong idleSeconds) {
        Instant lastChange = null;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            while (!stopped.getAsBoolean()) {
                boolean changed = false;
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    changed |= apply(record.key(), record.value());
                }
                if (changed) {
                    lastChange = clock.instant();
                    redraw();
                }
                if (lastChange != null && idleSeconds.isPresent()
                        && Duration.between(lastChange, clock.instant()).getSeconds() >= idleSeconds.getAsLong()) {
                    return;
                }
            }
        }
    }

    /** Takes one totals record (a null value is a tombstone); true when the shown totals changed. */
    boolean apply(String key, String value) {
        if (value == null) {
            return latest.remove(stripQuotes(key)) != null;
        }
        PostcodeTotals totals = PostcodeTotals.parse(value);
        latest.put(totals.postcode(), totals);
        if (output == DemoOptions.Output.JSON) {
            out.println(totals.json().toString());
            out.flush();
        }
        return true;
    }

    /** Draws the table again; JSON lines were printed as the records came. */
    void redraw() {
        if (output == DemoOptions.Output.TABLE) {
            out.print(TotalsTable.render(latest.values(), footer));
            out.flush();
        }
    }

    /** A JsonConverter-written string key arrives quoted; a StringConverter-written one does not. */
    private static String stripQuotes(String key) {
        return key != null && key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")
                ? key.substring(1, key.length() - 1) : key;
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "velib-connect-view-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
    }
}

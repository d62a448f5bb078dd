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
 * redrawn on each change (the demo's start-up lines above it, so they stay visible), or each totals record as one
 * JSON line (for scripts). A tombstone removes its postcode.
 */
final class TotalsView {

    /**
     * How long the totals stay unchanged after the feed's last change before they are called final: a few of the
     * replay's 1 s polls, plus the aggregator's batch.
     */
    static final Duration SETTLED = Duration.ofSeconds(5);

    /** A feed that stops changing (the replay's last snapshot), and what to say once its totals have settled. */
    record FeedEnd(BooleanSupplier reached, String notice) {
        static final FeedEnd NEVER = new FeedEnd(() -> false, "");
    }

    private final String bootstrapServers;
    private final String topic;
    private final DemoOptions.Output output;
    private final PrintStream out;
    private final PrintStream err;
    private final List<String> header;
    private final Clock clock;
    private final Map<String, PostcodeTotals> latest = new TreeMap<>();
    private String footer;

    TotalsView(String bootstrapServers, String topic, DemoOptions.Output output, PrintStream out, PrintStream err,
               List<String> header, String footer, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.output = output;
        this.out = out;
        this.err = err;
        this.header = List.copyOf(header);
        this.footer = footer;
        this.clock = clock;
    }

    /**
     * Runs until {@code stopped} says so, or until no totals changed for {@code idleSeconds} after the first. Once
     * {@code end} is reached and the totals have not changed for {@link #SETTLED}, says its notice (below the table,
     * or on {@code err} in JSON mode) and goes on following.
     */
    void follow(BooleanSupplier stopped, OptionalLong idleSeconds, FeedEnd end) {
        Instant lastChange = null;
        Instant endSeen = null;
        boolean announced = false;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            while (!stopped.getAsBoolean()) {
                boolean changed = false;
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    changed |= apply(record.key(), record.value());
                }
                Instant now = clock.instant();
                if (changed) {
                    lastChange = now;
                    redraw();
                }
                if (endSeen == null && end.reached().getAsBoolean()) {
                    endSeen = now;
                }
                if (!announced && endSeen != null && lastChange != null
                        && settled(lastChange.isAfter(endSeen) ? lastChange : endSeen, now)) {
                    announced = true;
                    announce(end.notice());
                }
                if (lastChange != null && idleSeconds.isPresent()
                        && Duration.between(lastChange, now).getSeconds() >= idleSeconds.getAsLong()) {
                    return;
                }
            }
        }
    }

    private static boolean settled(Instant since, Instant now) {
        return Duration.between(since, now).compareTo(SETTLED) >= 0;
    }

    /** A line that stays under the table from now on (on {@code err} in JSON mode, where stdout holds only JSON). */
    void announce(String notice) {
        if (output == DemoOptions.Output.TABLE) {
            footer = notice + System.lineSeparator() + footer;
            redraw();
        } else {
            err.println(notice);
            err.flush();
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
            out.print(TotalsTable.render(latest.values(), header, footer));
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

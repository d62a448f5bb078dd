package io.velibconnect.benchmarks.feed;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.velibconnect.gbfs.FeedException;

/**
 * {@link FeedBenchmark}'s poll and its token floor in alternation: rounds of {@value #POLLS} polls of each, timed by
 * this thread's CPU time. JMH measures one benchmark after the other, so a machine whose speed drifts (a shared
 * host) can move the two sides apart; a pair of rounds taken one right after the other shares the machine of the
 * moment. Writes {@code {"feedParserAndDiff": [ms per poll, a round each], "jacksonStreamingTokens": [...]}}.
 * Usage: {@code FeedPairs <out.json> [rounds [warm-up seconds]]} (40 rounds after 10 s by default).
 */
public final class FeedPairs {

    private static final int POLLS = 40;

    private FeedPairs() {
    }

    public static void main(String... args) throws IOException, FeedException {
        if (args.length < 1 || args.length > 3) {
            throw new IllegalArgumentException("usage: FeedPairs <out.json> [rounds [warm-up seconds]]");
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        long warmUpNanos = (args.length > 2 ? Long.parseLong(args[2]) : 10) * 1_000_000_000L;
        FeedBenchmark poll = new FeedBenchmark();
        poll.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (long end = System.nanoTime() + warmUpNanos; System.nanoTime() < end; ) {
            sink += poll.feedParserAndDiff().unchanged() + poll.jacksonStreamingTokens();
        }
        List<Double> ours = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < POLLS; i++) {
                sink += poll.feedParserAndDiff().unchanged();
            }
            long between = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < POLLS; i++) {
                sink += poll.jacksonStreamingTokens();
            }
            long end = threads.getCurrentThreadCpuTime();
            ours.add((between - start) / 1e6 / POLLS);
            floor.add((end - between) / 1e6 / POLLS);
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(Path.of(args[0]).toFile(),
                Map.of("feedParserAndDiff", ours, "jacksonStreamingTokens", floor));
        System.err.printf("FeedPairs: %d rounds of %d polls each way (checksum %d)%n", rounds, POLLS, sink);
    }
}

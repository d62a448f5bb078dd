package io.velibconnect.benchmarks.scale;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.ToDoubleFunction;

import io.velibconnect.benchmarks.report.Comparison;
import io.velibconnect.benchmarks.report.Contender;
import io.velibconnect.benchmarks.report.Figure;
import io.velibconnect.benchmarks.report.Machine;
import io.velibconnect.benchmarks.report.StageResult;
import io.velibconnect.benchmarks.stages.StageOutput;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Stage {@code scale}: how the world pipeline's figures grow with the stations served. One KRaft broker and one
 * Connect worker in this JVM run, per size, the catalogue source (4 tasks) and the H3 aggregator (2 tasks) of
 * config/world/ against a {@link CopiedWorld} of 10, 100 and 1,000 systems of 150 stations (1.5k, 15k, 150k
 * stations); see {@link ScaleRun} for what is measured and how. Each figure's growth from one size to the next is
 * compared with what a linear system would show ({@link ScaleFigure}).
 *
 * <p>{@code java ... io.velibconnect.benchmarks.scale.ScaleStage [--quick] [--systems N,N...] [--out DIR]}: three
 * sizes, two change rounds each; {@code --quick}: 1.5k and 15k stations, one change round; {@code --systems}: these
 * sizes instead, in systems of 150 stations (e.g. {@code --systems 100,1000} to look at the largest step alone).
 */
public final class ScaleStage {

    private static final String OFFSETS_TOPIC = "scale-offsets";
    private static final long GROUP_JOIN_DELAY_MS = 1000;

    private ScaleStage() {
    }

    public static void main(String... args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        List<Integer> chosen = systemsOption(rest);
        StageOutput output = StageOutput.parse("scale", rest.toArray(String[]::new));
        List<Integer> systems = chosen != null ? chosen : output.quick() ? List.of(10, 100) : List.of(10, 100, 1_000);
        int rounds = output.quick() ? 1 : 2;
        Path testdata = Path.of(System.getProperty("testdata.dir", "testdata"));
        String uptimeBefore = StageOutput.uptime();
        String machine = Machine.describe();
        long started = System.nanoTime();
        List<ScalePoint> points = new ArrayList<>();
        EmbeddedConnectCluster connect = cluster();
        connect.start();
        try {
            ScaleRun run = new ScaleRun(connect, OFFSETS_TOPIC, RecordedSystems.read(testdata));
            for (int size : systems) {
                ScalePoint point = run.measure(size, rounds);
                System.out.printf(Locale.ROOT, "scale: %d stations (%d systems) measured%n", point.stations(),
                        point.systems());
                points.add(point);
            }
        } finally {
            connect.stop();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String command = "bin/bench" + (output.quick() ? " --quick" : "") + " scale" + (chosen == null ? ""
                : " (ScaleStage --systems " + String.join(",", systems.stream().map(String::valueOf).toList()) + ")");
        write(output, command, points, rounds, machine, uptimeBefore, seconds);
    }

    /** Takes {@code --systems N,N...} out of {@code args}; null when it is not there. */
    static List<Integer> systemsOption(List<String> args) {
        int at = args.indexOf("--systems");
        if (at < 0) {
            return null;
        }
        if (at + 1 == args.size()) {
            throw new IllegalArgumentException("--systems needs a list of counts, e.g. 100,1000");
        }
        String counts = args.remove(at + 1);
        args.remove(at);
        List<Integer> systems = Arrays.stream(counts.split(",")).map(String::strip).map(Integer::valueOf).toList();
        if (systems.isEmpty() || systems.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--systems takes positive counts, e.g. 100,1000: " + counts);
        }
        return systems;
    }

    private static EmbeddedConnectCluster cluster() {
        Map<String, String> worker = new HashMap<>();
        worker.put("key.converter", StringConverter.class.getName());
        worker.put("value.converter", JsonConverter.class.getName());
        worker.put("value.converter.schemas.enable", "true");
        worker.put("offset.flush.interval.ms", "1000");
        worker.put("offset.storage.topic", OFFSETS_TOPIC);
        // a new consumer group waits for more members before its first assignment, as on a production broker (3 s
        // by default; the embedded one has 0): the aggregator's two tasks, started together, then join it together
        // instead of the first taking every partition, catching up with half the stations and handing them over (a
        // commit, then a restore on both sides) when the second joins
        Properties broker = new Properties();
        broker.put("group.initial.rebalance.delay.ms", Long.toString(GROUP_JOIN_DELAY_MS));
        return new EmbeddedConnectCluster.Builder().name("scale-stage").numWorkers(1).numBrokers(1)
                .workerProps(worker).brokerProps(broker).build();
    }

    private static void write(StageOutput output, String command, List<ScalePoint> points, int rounds, String machine,
                              String uptimeBefore, double seconds) throws Exception {
        List<Comparison> comparisons = new ArrayList<>();
        StringBuilder growth = new StringBuilder("| figure | unit |");
        for (int i = 1; i < points.size(); i++) {
            growth.append(" growth ").append(k(points.get(i))).append('/').append(k(points.get(i - 1))).append(" |");
        }
        growth.append(" linear would be | verdict |\n|---|---|").append("---|".repeat(points.size() + 1))
                .append('\n');
        List<String> notLinear = new ArrayList<>();
        List<Map<String, Object>> curves = new ArrayList<>();
        for (ScaleFigure figure : ScaleFigure.ALL) {
            growth.append("| ").append(figure.label()).append(" | ").append(figure.unit()).append(" |");
            List<String> verdicts = new ArrayList<>();
            for (int i = 1; i < points.size(); i++) {
                ScalePoint small = points.get(i - 1);
                ScalePoint large = points.get(i);
                Comparison c = Comparison.of(figure.label() + ", growth " + k(large) + "/" + k(small), figure.unit(),
                        figure.higherIsBetter(), new Contender(k(large) + " stations",
                                Figure.of(figure.samples().apply(large))),
                        new Contender(k(small) + " stations", Figure.of(figure.samples().apply(small))),
                        figure.linearBound(small, large), null);
                comparisons.add(c);
                String verdict = figure.verdict(c.ratio(), small, large);
                verdicts.add(verdict);
                growth.append(String.format(Locale.ROOT, " ×%.2f (%s) |", c.ratio(), verdict));
            }
            boolean worse = verdicts.contains("worse than linear");
            String overall = worse ? "**worse than linear**" : "linear or better";
            if (worse) {
                notLinear.add(figure.label());
            }
            growth.append(figure.growsWithStations() ? " ×stations" : " ×1 (flat)").append(" | ").append(overall)
                    .append(" |\n");
            Map<String, Object> curve = new LinkedHashMap<>();
            curve.put("label", figure.label());
            curve.put("unit", figure.unit());
            curve.put("stations", points.stream().map(ScalePoint::stations).toList());
            curve.put("values", points.stream().map(p -> Figure.of(figure.samples().apply(p)).median()).toList());
            curves.add(curve);
        }
        String verdict = notLinear.isEmpty()
                ? "**linear**: every figure grows no worse than linear (within ×" + ScaleFigure.TOLERANCE + ")"
                : "**not linear** in: " + String.join(", ", notLinear);
        StageResult result = new StageResult("scale", "Scale: " + k(points.get(0)) + " to "
                + k(points.get(points.size() - 1)) + " stations", machine, command, comparisons);
        String details = perSize(points) + "\n" + growth + "\nVerdict: " + verdict + ". " + how(rounds, seconds,
                output.quick(), uptimeBefore);
        Map<String, Object> chartData = new LinkedHashMap<>();
        chartData.put("quick", output.quick());
        chartData.put("uptime_before", uptimeBefore);
        chartData.put("uptime_after", StageOutput.uptime());
        chartData.put("seconds", seconds);
        chartData.put("points", points);
        chartData.put("curves", curves);
        result.write(output.dir(), details, chartData);
        System.out.print(details);
    }

    private static String perSize(List<ScalePoint> points) {
        StringBuilder md = new StringBuilder("| figure | unit |");
        points.forEach(p -> md.append(' ').append(k(p)).append(" stations (").append(p.systems())
                .append(" systems) |"));
        md.append("\n|---|---|").append("---|".repeat(points.size())).append('\n');
        for (ScaleFigure figure : ScaleFigure.ALL) {
            md.append("| ").append(figure.label()).append(" | ").append(figure.unit()).append(" |");
            for (ScalePoint p : points) {
                Figure f = Figure.of(figure.samples().apply(p));
                md.append(f.samples().size() == 1 ? String.format(Locale.ROOT, " %,.0f |", f.median())
                        : String.format(Locale.ROOT, " %,.0f (%,.0f–%,.0f) |", f.median(), f.min(), f.max()));
            }
            md.append('\n');
        }
        md.append("| status records per change round | records |");
        points.forEach(p -> md.append(String.format(Locale.ROOT, " %,.0f |", p.recordsPerRound())));
        md.append("\n| time in GC while the aggregator caught up | % |");
        points.forEach(p -> md.append(String.format(Locale.ROOT, " %.0f |", 100 * p.catchUpGcShare())));
        md.append("\n| stations restored (restart) | stations |");
        points.forEach(p -> md.append(String.format(Locale.ROOT, " %,d |", p.stationsRestored())));
        md.append('\n').append(marginal("source heap per added station (from the size before)", points,
                ScalePoint::sourceHeapPerStation));
        md.append(marginal("aggregator heap per added station (from the size before)", points,
                ScalePoint::aggregatorHeapPerStation));
        return md.toString();
    }

    /**
     * Heap per station includes what a connector holds whatever its size (tasks, clients, buffers); the heap
     * added from one size to the next, per station added, leaves that out.
     */
    private static String marginal(String label, List<ScalePoint> points, ToDoubleFunction<ScalePoint> perStation) {
        StringBuilder md = new StringBuilder("| ").append(label).append(" | B/station | —");
        for (int i = 1; i < points.size(); i++) {
            ScalePoint small = points.get(i - 1);
            ScalePoint large = points.get(i);
            double added = perStation.applyAsDouble(large) * large.stations()
                    - perStation.applyAsDouble(small) * small.stations();
            md.append(String.format(Locale.ROOT, " | %,.0f", added / (large.stations() - small.stations())));
        }
        return md.append(" |\n").toString();
    }

    private static String how(int rounds, double seconds, boolean quick, String uptime) {
        return String.format(Locale.ROOT, """
                Took %.0f s%s.

                How: copies of the six recorded systems (Vélib' and testdata/other-systems), 150 stations each, \
                each with its own system_id and URL path (station ids repeat across copies on purpose), served \
                from memory on 127.0.0.1 and listed in a served systems.csv. One source (`gbfs.catalog`, \
                tasks.max=%d, `station.key=system-code`, SystemPartitioner, poll.interval.ms=%d) and one aggregator \
                (`group.by=h3`, `group.key=system-group`, tasks.max=%d, state topic) on one broker and one Connect \
                worker in this JVM; status topic of %d partitions. Per size: the first round (every station new) \
                through the source alone gives its records/s (status and information records, first status \
                request to the last record's broker write); the aggregator then starts and catches up (from \
                the first records its tasks' consumers return, which the worker converts before put(), to the \
                broker's write of the last totals record; both tasks' records-in gauges, summed, count them), \
                and %d fresh aggregators (own consumer group, state and totals topics) do it again at the end of \
                the size, for a median and a spread; the source is paused while the aggregator catches up or \
                restores (idle, it still fetches and parses every feed every %d ms), and the broker lets a new \
                consumer group wait %d ms for its members (`group.initial.rebalance.delay.ms`, 3 s by default), \
                so the two tasks start together. Heap: used heap (MemoryMXBean) after System.gc() before the \
                source, with the source loaded, then with the aggregator loaded too, the differences divided by \
                the stations (the served bodies are generated before the first reading, so they cancel out). \
                %d change round(s) per size (a tenth of the stations change in the first, a fifth, changed and changed back, in later ones): first status request → last \
                system answered, and → the broker's write (LogAppendTime) of the last totals record carrying the \
                round's feed time. Offsets: the latest value of each source partition in the worker's offsets \
                topic. Restore: the aggregator deleted and created again under its name (its consumer group and \
                state topic stay), %d times, `restore-time-ms` summed over its tasks per 10,000 \
                `stations-restored` (plugin metrics over JMX). A linear system's per-round times grow as the \
                stations and every other figure stays flat; "linear" allows ×%.1f either way. Preliminary: taken \
                on a shared machine (`%s`).
                """, seconds, quick ? " (--quick)" : "", ScaleRun.SOURCE_TASKS, ScaleRun.POLL_INTERVAL_MS,
                ScaleRun.AGGREGATOR_TASKS, ScaleRun.STATUS_PARTITIONS, ScaleRun.CATCH_UPS - 1,
                ScaleRun.POLL_INTERVAL_MS, GROUP_JOIN_DELAY_MS, rounds, ScaleRun.RESTORES, ScaleFigure.TOLERANCE,
                uptime);
    }

    private static String k(ScalePoint point) {
        return point.stations() % 1000 == 0 ? point.stations() / 1000 + "k"
                : String.format(Locale.ROOT, "%.1fk", point.stations() / 1000.0);
    }
}

package io.velibconnect.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What a figure was measured on: a shared machine's load changes the figures more than most code changes. */
public final class Machine {

    private static final Path LOAD = Path.of("/proc/loadavg");

    private Machine() {
    }

    /**
     * The date, cores, Java version and load average (1, 5, 15 minutes) at this moment; figures taken while the
     * last minute's load exceeded the cores are called preliminary.
     */
    public static String describe() {
        int cores = Runtime.getRuntime().availableProcessors();
        String[] load = load();
        boolean busy = load.length == 3 && Double.parseDouble(load[0]) > cores;
        return String.format("%s, %d cores, Java %s, load average %s%s", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                cores, System.getProperty("java.version"),
                load.length == 3 ? String.join(" ", load) : "unknown (" + LOAD + " unreadable)",
                busy ? " (**preliminary**: other work shared the machine)" : "");
    }

    private static String[] load() {
        try {
            String[] fields = Files.readString(LOAD).trim().split("\\s+");
            return fields.length >= 3 ? new String[] {fields[0], fields[1], fields[2]} : new String[0];
        } catch (IOException e) {
            return new String[0];
        }
    }
}

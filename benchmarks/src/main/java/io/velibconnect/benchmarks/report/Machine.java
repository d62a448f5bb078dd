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

    /** The date, cores, Java version and load average (1, 5, 15 minutes) at this moment. */
    public static String describe() {
        return String.format("%s, %d cores, Java %s, load average %s", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load());
    }

    private static String load() {
        try {
            String[] fields = Files.readString(LOAD).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown (" + LOAD + " unreadable)";
        }
    }
}

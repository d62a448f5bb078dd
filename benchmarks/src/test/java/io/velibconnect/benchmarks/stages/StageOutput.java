package io.velibconnect.benchmarks.stages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What a stage's main takes ({@code --quick}, {@code --out DIR}) and where its results go:
 * {@code <out>/<stage>.json} (raw figures, for the report and its charts) and {@code <out>/<stage>.md} (a fragment
 * of the report). Every result says when it was taken and how loaded the machine was ({@code uptime}).
 */
public record StageOutput(String stage, boolean quick, Path dir) {

    static final Path DEFAULT_DIR = Path.of("benchmarks", "results");

    public static StageOutput parse(String stage, String... args) {
        boolean quick = false;
        Path dir = DEFAULT_DIR;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException("--out needs a directory");
                    }
                    dir = Path.of(args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (usage: " + stage + " [--quick] [--out DIR])");
            }
        }
        return new StageOutput(stage, quick, dir);
    }

    /** The fields every stage's JSON starts with. */
    public Map<String, Object> header() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("stage", stage);
        header.put("quick", quick);
        header.put("taken_at", Instant.now().toString());
        header.put("uptime", uptime());
        header.put("cores", Runtime.getRuntime().availableProcessors());
        header.put("java", System.getProperty("java.runtime.version"));
        return header;
    }

    public void write(Map<String, Object> json, String markdown) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(stage + ".json").toFile(),
                json);
        Files.writeString(dir.resolve(stage + ".md"), markdown, StandardCharsets.UTF_8);
    }

    /** The load average at the time of the run, as {@code uptime} prints it; figures taken under load move. */
    public static String uptime() {
        try {
            Process process = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "uptime did not answer";
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "uptime unavailable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}

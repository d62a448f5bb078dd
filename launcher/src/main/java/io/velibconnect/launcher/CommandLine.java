package io.velibconnect.launcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalLong;

/** Parses {@code velib-connect <command> [options]} by hand: four commands, a few options, no library needed. */
final class CommandLine {

    static final String USAGE = """
            usage: velib-connect <command> [options]

            commands:
              demo        start a Kafka broker and a Connect worker in this JVM, create the Vélib' source and the
                          per-postcode aggregator, and show the totals as they change (Ctrl-C stops everything)
              standalone  run Kafka's connect-standalone worker with the plugin on the classpath:
                          velib-connect standalone config/connect-standalone.properties [config/velib-source.json ...]
              broker      start only the embedded single-node KRaft broker (for standalone): --port PORT (9092)
              replay-server
                          serve the recorded Vélib' snapshots of 2024-12-15 as a GBFS feed on 127.0.0.1, for a worker
                          without internet: --port PORT (8000), --replay-step SECONDS (60); prints the gbfs.url
                          and writes a source connector file that uses it

            demo options:
              --all-stations            keep every station (default: only 16107 and 32017, as config/ keeps)
              --replay                  replay the recorded 2024-12-15 snapshots without trying the live feed
              --replay-step SECONDS     replay one recorded status snapshot per SECONDS (default 10)
              --gbfs-url URL            poll another GBFS feed (gbfs.json or station_status URL, any system);
                                        implies --all-stations
              --metadata-csv PATH       join this stationCode,station_id,postcode,city file instead of the shipped one
              --output table|json       a refreshing table (default) or one JSON line per totals record on stdout
              --exit-after-idle SECONDS exit 0 once no totals changed for SECONDS
              --run-dir DIR             where the broker's data and Kafka's log file go (default: a new temp folder,
                                        removed on exit; after a failure only its kafka.log is kept)
              --help                    this text
            """;

    sealed interface Command permits InRunDirectory, Standalone, Help {
    }

    /** A command that keeps files while it runs: in the folder given with --run-dir, else in a temporary one. */
    sealed interface InRunDirectory extends Command permits Demo, Broker, Replay {
        Optional<Path> runDir();
    }

    record Demo(DemoOptions options) implements InRunDirectory {
        @Override
        public Optional<Path> runDir() {
            return options.runDir();
        }
    }

    record Standalone(String[] args) implements Command {
    }

    record Broker(int port, Optional<Path> runDir) implements InRunDirectory {
    }

    record Replay(int port, int stepSeconds, Optional<Path> runDir) implements InRunDirectory {
    }

    /** {@code asked}: --help was given; otherwise no command was, which is a usage error. */
    record Help(boolean asked) implements Command {
    }

    private CommandLine() {
    }

    static Command parse(String... args) throws UsageException {
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        if (rest.isEmpty()) {
            return new Help(false);
        }
        if (rest.peek().equals("--help") || rest.peek().equals("-h") || rest.peek().equals("help")) {
            return new Help(true);
        }
        String command = rest.pop();
        return switch (command) {
            case "demo" -> demo(rest);
            case "standalone" -> standalone(rest);
            case "broker" -> broker(rest);
            case "replay-server" -> replay(rest);
            default -> throw new UsageException("unknown command '" + command
                    + "' (try demo, standalone, broker, replay-server or --help)");
        };
    }

    private static Command demo(Deque<String> rest) throws UsageException {
        boolean allStations = false;
        boolean replayOnly = false;
        Optional<URI> gbfsUrl = Optional.empty();
        Optional<Path> metadataCsv = Optional.empty();
        DemoOptions.Output output = DemoOptions.Output.TABLE;
        OptionalLong idle = OptionalLong.empty();
        int replayStep = 10;
        Optional<Path> runDir = Optional.empty();
        while (!rest.isEmpty()) {
            String option = rest.pop();
            switch (option) {
                case "--help", "-h" -> {
                    return new Help(true);
                }
                case "--all-stations" -> allStations = true;
                case "--replay" -> replayOnly = true;
                case "--replay-step" -> replayStep = (int) positive(option, value(option, rest));
                case "--gbfs-url" -> gbfsUrl = Optional.of(url(value(option, rest)));
                case "--metadata-csv" -> metadataCsv = Optional.of(existingFile(option, value(option, rest)));
                case "--output" -> output = output(value(option, rest));
                case "--exit-after-idle" -> idle = OptionalLong.of(positive(option, value(option, rest)));
                case "--run-dir" -> runDir = Optional.of(Path.of(value(option, rest)));
                default -> throw new UsageException("unknown option '" + option + "' for demo (see --help)");
            }
        }
        if (replayOnly && gbfsUrl.isPresent()) {
            throw new UsageException("--replay and --gbfs-url exclude each other: the replay is the recorded Vélib' feed");
        }
        return new Demo(new DemoOptions(allStations, replayOnly, gbfsUrl, metadataCsv, output, idle, replayStep,
                runDir));
    }

    private static Command standalone(Deque<String> rest) throws UsageException {
        if (rest.isEmpty()) {
            throw new UsageException("standalone needs a worker .properties file (connector files may follow)");
        }
        for (String file : rest) {
            existingFile("standalone", file);
        }
        return new Standalone(rest.toArray(String[]::new));
    }

    private static Command broker(Deque<String> rest) throws UsageException {
        int port = 9092;
        Optional<Path> runDir = Optional.empty();
        while (!rest.isEmpty()) {
            String option = rest.pop();
            switch (option) {
                case "--port" -> port = port(option, value(option, rest));
                case "--run-dir" -> runDir = Optional.of(Path.of(value(option, rest)));
                default -> throw new UsageException("unknown option '" + option + "' for broker (see --help)");
            }
        }
        return new Broker(port, runDir);
    }

    private static Command replay(Deque<String> rest) throws UsageException {
        int port = 8000;
        int step = 60;
        Optional<Path> runDir = Optional.empty();
        while (!rest.isEmpty()) {
            String option = rest.pop();
            switch (option) {
                case "--port" -> port = port(option, value(option, rest));
                case "--replay-step" -> step = (int) positive(option, value(option, rest));
                case "--run-dir" -> runDir = Optional.of(Path.of(value(option, rest)));
                default -> throw new UsageException("unknown option '" + option + "' for replay-server (see --help)");
            }
        }
        return new Replay(port, step, runDir);
    }

    private static int port(String option, String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the option's name
        }
        throw new UsageException(option + " needs a TCP port (1-65535), not '" + value + "'");
    }

    private static String value(String option, Deque<String> rest) throws UsageException {
        if (rest.isEmpty() || rest.peek().startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return rest.pop();
    }

    private static long positive(String option, String value) throws UsageException {
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the option's name
        }
        throw new UsageException(option + " needs a positive whole number of seconds, not '" + value + "'");
    }

    private static URI url(String value) throws UsageException {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw new UsageException("--gbfs-url needs an http(s) URL, not '" + value + "'");
    }

    private static Path existingFile(String option, String value) throws UsageException {
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            throw new UsageException(option + ": no such file: " + value);
        }
        return path;
    }

    private static DemoOptions.Output output(String value) throws UsageException {
        return switch (value) {
            case "table" -> DemoOptions.Output.TABLE;
            case "json" -> DemoOptions.Output.JSON;
            default -> throw new UsageException("--output is table or json, not '" + value + "'");
        };
    }
}

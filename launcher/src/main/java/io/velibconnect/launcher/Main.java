package io.velibconnect.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.LogManager;

/**
 * {@code velib-connect demo | standalone | broker | replay-server}. A bad option (or no command) is a line on stderr
 * and exit code 2; Ctrl-C stops the worker, then the broker, and exits.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine.Command command;
        try {
            command = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("velib-connect: " + e.getMessage());
            return 2;
        }
        if (command instanceof CommandLine.Help help) {
            (help.asked() ? out : err).print(CommandLine.USAGE);
            return help.asked() ? 0 : 2;
        }
        if (command instanceof CommandLine.Standalone standalone) {
            KafkaLogs.toConsole();
            org.apache.kafka.connect.cli.ConnectStandalone.main(standalone.args());
            return 0;
        }
        CommandLine.InRunDirectory inRunDirectory = (CommandLine.InRunDirectory) command;
        RunDirectory runDir = RunDirectory.of(inRunDirectory.runDir());
        int code = 1;
        try {
            code = run(inRunDirectory, runDir, out, err);
            return code;
        } finally {
            runDir.cleanUp(code == 1);
        }
    }

    private static int run(CommandLine.InRunDirectory command, RunDirectory runDir, PrintStream out, PrintStream err) {
        Path log = KafkaLogs.toFile(runDir.log());
        AtomicBoolean stopped = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopped.set(true);
            awaitQuietly(done);
        }, "velib-connect-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (command instanceof CommandLine.Demo demo) {
                return new Demo(demo.options(), runDir.path(), out, err).run(stopped::get);
            }
            if (command instanceof CommandLine.Replay replay) {
                return new ReplayOnly(replay, runDir.path(), out, err).run(stopped::get);
            }
            return new BrokerOnly((CommandLine.Broker) command, runDir.path(), err).run(stopped::get);
        } catch (UsageException e) {
            err.println("velib-connect: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("velib-connect: " + e.getMessage() + " (details in " + log + ")");
            org.slf4j.LoggerFactory.getLogger(Main.class).error("velib-connect stopped", e);
            return 1;
        } finally {
            done.countDown();
            removeHook(hook);
        }
    }

    private static void awaitQuietly(CountDownLatch done) {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already running the hook: it returns once done is counted down
        }
    }

    /** Where Kafka's own logging goes: set before any Kafka class creates a logger. */
    static final class KafkaLogs {

        private KafkaLogs() {
        }

        static Path toFile(Path file) {
            System.setProperty("velib.log.file", file.toString());
            System.setProperty("log4j2.configurationFile", "velib-connect-log4j2-file.xml");
            silenceJavaUtilLogging();
            return file;
        }

        static void toConsole() {
            System.setProperty("log4j2.configurationFile", "velib-connect-log4j2-console.xml");
        }

        /** Jersey, inside the worker's REST server, logs through java.util.logging straight to stderr. */
        private static void silenceJavaUtilLogging() {
            LogManager.getLogManager().reset();
        }
    }
}

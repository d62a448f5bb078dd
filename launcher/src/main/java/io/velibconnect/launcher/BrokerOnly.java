package io.velibconnect.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** {@code velib-connect broker}: the embedded KRaft broker alone, for Kafka's own tools or connect-standalone. */
final class BrokerOnly {

    private final CommandLine.Broker command;
    private final Path runDir;
    private final PrintStream err;

    BrokerOnly(CommandLine.Broker command, Path runDir, PrintStream err) {
        this.command = command;
        this.runDir = runDir;
        this.err = err;
    }

    int run(BooleanSupplier stopped) {
        err.println("Starting a Kafka broker (KRaft, single node) on 127.0.0.1:" + command.port() + " ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(runDir, command.port())) {
            err.println("  ready: bootstrap.servers=" + kafka.bootstrapServers() + "   data and logs in "
                    + runDir + "   Ctrl-C stops");
            UntilStopped.await(stopped);
            err.println("Stopping the broker ...");
        }
        return 0;
    }
}

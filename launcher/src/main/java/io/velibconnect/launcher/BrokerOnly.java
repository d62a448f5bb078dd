package io.velibconnect.launcher;

import java.io.PrintStream;
import java.util.function.BooleanSupplier;

/** {@code velib-connect broker}: the embedded KRaft broker alone, for Kafka's own tools or connect-standalone. */
final class BrokerOnly {

    private final CommandLine.Broker command;
    private final PrintStream err;

    BrokerOnly(CommandLine.Broker command, PrintStream err) {
        this.command = command;
        this.err = err;
    }

    int run(BooleanSupplier stopped) {
        err.println("Starting a Kafka broker (KRaft, single node) on 127.0.0.1:" + command.port() + " ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(command.runDir(), command.port())) {
            err.println("  ready: bootstrap.servers=" + kafka.bootstrapServers() + "   data and logs in "
                    + command.runDir() + "   Ctrl-C stops");
            while (!stopped.getAsBoolean()) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            err.println("Stopping the broker ...");
        }
        return 0;
    }
}

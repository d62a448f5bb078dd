package io.velibconnect.launcher;

import java.util.function.BooleanSupplier;

/** Blocks a command that only serves (the broker, the replay feed) until Ctrl-C sets its stop flag. */
final class UntilStopped {

    private UntilStopped() {
    }

    static void await(BooleanSupplier stopped) {
        while (!stopped.getAsBoolean()) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

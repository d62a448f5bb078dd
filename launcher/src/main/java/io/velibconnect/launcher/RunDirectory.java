package io.velibconnect.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh folder per run for the broker's log dirs, the worker's offsets and Kafka's log file. */
final class RunDirectory {

    private RunDirectory() {
    }

    static Path fresh() {
        try {
            return Files.createTempDirectory("velib-connect-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

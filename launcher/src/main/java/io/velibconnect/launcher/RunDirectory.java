package io.velibconnect.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder a run keeps its broker data, worker offsets and Kafka's log file in: the user's {@code --run-dir}, left
 * as it is, or a temporary folder that is removed when the run ends — all of it after a clean run, all but
 * {@code kafka.log} after a failed one, so that the log the error message points at is still there.
 */
final class RunDirectory {

    static final String LOG = "kafka.log";

    private final Path path;
    private final boolean temporary;

    private RunDirectory(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    static RunDirectory of(Optional<Path> given) {
        if (given.isPresent()) {
            return new RunDirectory(given.get(), false);
        }
        try {
            return new RunDirectory(Files.createTempDirectory("velib-connect-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path() {
        return path;
    }

    Path log() {
        return path.resolve(LOG);
    }

    /** Removes a temporary folder (keeping its log when {@code failed}); a given one is the user's to keep. */
    void cleanUp(boolean failed) {
        if (!temporary) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!(failed && (file.equals(path) || file.equals(log())))) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the run folder " + path, e);
        }
    }
}

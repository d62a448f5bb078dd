package io.velibconnect.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run folders are not left behind in /tmp: removed after a run, all but the log after a failure; --run-dir kept. */
class RunDirectoryTest {

    @TempDir
    Path given;

    private static RunDirectory filled(RunDirectory dir) throws IOException {
        Files.createDirectories(dir.path().resolve("kafka-data/velib-projet-0"));
        Files.writeString(dir.path().resolve("kafka-data/velib-projet-0/00000.log"), "records");
        Files.writeString(dir.log(), "Kafka's log");
        return dir;
    }

    @Test
    void aTemporaryFolderIsRemovedAfterACleanRun() throws IOException {
        RunDirectory dir = filled(RunDirectory.of(Optional.empty()));
        assertTrue(dir.path().getFileName().toString().startsWith("velib-connect-"));
        dir.cleanUp(false);
        assertFalse(Files.exists(dir.path()));
    }

    @Test
    void aFailedRunKeepsOnlyTheLogItsErrorPointsAt() throws IOException {
        RunDirectory dir = filled(RunDirectory.of(Optional.empty()));
        dir.cleanUp(true);
        try (var left = Files.list(dir.path())) {
            assertEquals(java.util.List.of(dir.log()), left.toList());
        }
        dir.cleanUp(false);
        assertFalse(Files.exists(dir.path()));
    }

    @Test
    void aGivenFolderIsTheUsersToKeep() throws IOException {
        RunDirectory dir = filled(RunDirectory.of(Optional.of(given)));
        dir.cleanUp(false);
        assertTrue(Files.exists(given.resolve("kafka-data/velib-projet-0/00000.log")));
        assertTrue(Files.exists(dir.log()));
    }

    @Test
    void aDemoRefusedAtStartLeavesNoFolderBehind() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = countRunFolders(tmp);
        String closed = "http://127.0.0.1:" + FreePort.find() + "/gbfs.json";
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        assertEquals(2, Main.run(new String[]{"demo", "--gbfs-url", closed}, quiet, quiet));
        assertEquals(before, countRunFolders(tmp), "no velib-connect-* folder added to " + tmp);
    }

    private static long countRunFolders(Path tmp) throws IOException {
        try (var folders = Files.list(tmp)) {
            return folders.filter(p -> p.getFileName().toString().startsWith("velib-connect-")).count();
        }
    }
}

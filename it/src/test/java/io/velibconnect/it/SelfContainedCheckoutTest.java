package io.velibconnect.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clone builds and tests on its own: no tracked file points at a folder beside the checkout, and the recorded feeds
 * the tests read are in {@code testdata/}, each with the SOURCES.md that says where it comes from. ({@code .ci/run}
 * runs the whole suite in a fresh clone inside an empty folder.)
 */
class SelfContainedCheckoutTest {

    /** A reference to a data or notes folder outside the checkout, or the system property that used to name one. */
    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared|shared\\.dir|shared/(data|notes)|/work/");
    private static final long MAX_TESTDATA_BYTES = 20L * 1024 * 1024;

    @Test
    void noTrackedFileReachesOutsideTheCheckout() throws Exception {
        List<String> offending = new ArrayList<>();
        for (String name : trackedFiles()) {
            Path file = ProjectFiles.root().resolve(name);
            if (name.startsWith("testdata/") || name.endsWith(getClass().getSimpleName() + ".java")
                    || !Files.isRegularFile(file)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (OUTSIDE.matcher(lines.get(i)).find()) {
                        offending.add(name + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            } catch (MalformedInputException binary) {
                // not text (the replay's .gz files)
            }
        }
        assertEquals(List.of(), offending);
    }

    @Test
    void everyRecordedFeedIsTrackedWithItsSources() throws Exception {
        List<String> tracked = trackedFiles();
        Path testdata = ProjectFiles.root().resolve("testdata");
        long bytes = 0;
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(testdata)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(file);
                String name = ProjectFiles.root().relativize(file).toString();
                if (!tracked.contains(name)) {
                    problems.add(name + " is not tracked by git");
                }
                if (!hasSources(file.getParent(), testdata)) {
                    problems.add(name + " has no SOURCES.md in its folder or above it");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(bytes < MAX_TESTDATA_BYTES, "testdata/ holds " + bytes + " bytes");
    }

    private static boolean hasSources(Path dir, Path testdata) {
        for (Path d = dir; d.startsWith(testdata); d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("SOURCES.md"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code git ls-files} of the checkout; the test is skipped in a source tree that is not a git checkout. */
    private static List<String> trackedFiles() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.exists(ProjectFiles.root().resolve(".git")), "not a git checkout");
        Process git = new ProcessBuilder("git", "ls-files").directory(ProjectFiles.root().toFile())
                .redirectErrorStream(true).start();
        List<String> files;
        try (var out = git.inputReader()) {
            files = out.lines().toList();
        }
        assertTrue(git.waitFor(60, TimeUnit.SECONDS), "git ls-files did not finish");
        assertEquals(0, git.exitValue(), String.join("\n", files));
        return files;
    }
}

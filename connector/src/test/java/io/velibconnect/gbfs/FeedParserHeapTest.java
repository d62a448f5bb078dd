package io.velibconnect.gbfs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worst bodies the HTTP body cap lets through parse in a 256 MB heap: {@link HostileBodies} runs in a JVM of
 * its own, so a heap exhausted there fails this test instead of the suite's JVM.
 */
class FeedParserHeapTest {

    @Test
    void theLargestBodiesParseInA256MbHeap() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), HostileBodies.class.getName())
                .redirectErrorStream(true).start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(exited, "still running after 120 s: " + output);
        assertEquals(0, process.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertEquals(List.of(
                "most stations, longest texts: 100000 stations, 0 rejected",
                "one name as long as the body: 1 stations, 1 rejected",
                "empty stations: refused: data.stations lists more than 100000 stations; raise "
                        + "max.stations.per.feed if the system really has that many",
                "one station of a list as long as the body: 1 stations, 1 rejected"), lines.subList(0, 4), output);
        assertTrue(lines.get(4).matches("unique field names: \\d{4} stations, 0 rejected"), output);
    }
}

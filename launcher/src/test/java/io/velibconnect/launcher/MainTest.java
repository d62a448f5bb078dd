package io.velibconnect.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mistakes on the command line: one line on stderr and exit code 2, no stack trace; --help lists every option. */
class MainTest {

    @TempDir
    Path runDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryOption() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : new String[]{"demo", "standalone", "broker", "replay-server", "--all-stations", "--replay", "--gbfs-url",
                "--metadata-csv", "--output", "--exit-after-idle"}) {
            assertTrue(help.contains(option), option);
        }
    }

    @Test
    void noCommandPrintsTheUsageOnStderrAndExitCode2() {
        assertEquals(2, run());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals(CommandLine.USAGE, err());
    }

    @Test
    void replayServerOptionsAreChecked() {
        assertEquals(2, run("replay-server", "--port", "70000"));
        assertEquals(2, run("replay-server", "--replay-step", "0"));
        assertEquals(2, run("replay-server", "--bogus"));
        assertEquals(List.of("velib-connect: --port needs a TCP port (1-65535), not '70000'",
                "velib-connect: --replay-step needs a positive whole number of seconds, not '0'",
                "velib-connect: unknown option '--bogus' for replay-server (see --help)"), err().lines().toList());
    }

    @Test
    void unknownOptionIsOneLineAndExitCode2() {
        assertEquals(2, run("demo", "--bogus"));
        assertEquals("velib-connect: unknown option '--bogus' for demo (see --help)" + System.lineSeparator(), err());
    }

    @Test
    void badValuesAreOneLineEach() {
        assertEquals(2, run("demo", "--output", "xml"));
        assertEquals(2, run("demo", "--exit-after-idle", "-3"));
        assertEquals(2, run("demo", "--gbfs-url", "ftp://example.org/gbfs.json"));
        assertEquals(2, run("demo", "--metadata-csv", runDir.resolve("missing.csv").toString()));
        assertEquals(2, run("frobnicate"));
        assertEquals(5, err().lines().count(), err());
        assertTrue(err().lines().allMatch(line -> line.startsWith("velib-connect: ")), err());
    }

    @Test
    void unreachableCustomFeedIsOneLineAndExitCode2() {
        String closed = "http://127.0.0.1:" + FreePort.find() + "/gbfs.json";
        assertEquals(2, run("demo", "--gbfs-url", closed, "--run-dir", runDir.toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("velib-connect: cannot reach " + closed + " ("), err());
    }

    @Test
    void connectorValidationFailureBecomesOneLine() {
        String kafka = "Connector configuration is invalid and contains the following 2 error(s):\n"
                + "Invalid value x for configuration emit: must be changed or all\n"
                + "Missing required configuration \"gbfs.url\" which has no default value.\n"
                + "You can also find the above list of errors at the endpoint "
                + "`/connector-plugins/{connectorType}/config/validate`";
        assertEquals("Connector configuration is invalid and contains the following 2 error(s): "
                + "Invalid value x for configuration emit: must be changed or all; "
                + "Missing required configuration \"gbfs.url\" which has no default value.",
                EmbeddedWorker.oneLine(kafka));
    }
}

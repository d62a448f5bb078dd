package io.velibconnect.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code velib-connect replay-server}: the offline feed for connect-standalone. It prints the gbfs.url, writes the
 * shipped source file with that URL, serves one snapshot more per step, and says when the replay has finished.
 */
class ReplayOnlyTest {

    @TempDir
    Path runDir;

    @Test
    void servesTheReplayWritesAConnectorFileAndSaysWhenItHasFinished() throws Exception {
        int port = FreePort.find();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger code = new AtomicInteger(-1);
        ReplayOnly replay = new ReplayOnly(new CommandLine.Replay(port, 1, Optional.of(runDir)), runDir,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Thread serving = new Thread(() -> code.set(replay.run(stopped::get)), "replay-server");
        serving.start();
        try {
            String gbfsUrl = "http://127.0.0.1:" + port + "/gbfs.json";
            awaitText(out, "gbfs.url=" + gbfsUrl);
            JsonNode connector = new ObjectMapper().readTree(runDir.resolve(ReplayOnly.CONNECTOR_FILE).toFile());
            assertEquals("velib-source", connector.path("name").asText());
            assertEquals(gbfsUrl, connector.path("config").path("gbfs.url").asText());
            assertEquals("1000", connector.path("config").path("poll.interval.ms").asText());
            assertEquals(ShippedConfig.connector("velib-source.json").config().get("transforms"),
                    connector.path("config").path("transforms").asText(), "the rest is the shipped file");

            HttpClient http = HttpClient.newHttpClient();
            URI status = URI.create(gbfsUrl.replace("gbfs.json", "station_status.json"));
            for (int i = 0; i < 100 && !err.toString(StandardCharsets.UTF_8).contains("Replay finished"); i++) {
                assertEquals(200, http.send(HttpRequest.newBuilder(status).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
                Thread.sleep(200);
            }
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("Replay finished: all 6 snapshots served"),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            stopped.set(true);
            serving.join(10_000);
        }
        assertEquals(0, code.get());
    }

    private static void awaitText(ByteArrayOutputStream stream, String text) throws InterruptedException {
        for (int i = 0; i < 100 && !stream.toString(StandardCharsets.UTF_8).contains(text); i++) {
            Thread.sleep(100);
        }
        assertTrue(stream.toString(StandardCharsets.UTF_8).contains(text), stream.toString(StandardCharsets.UTF_8));
    }
}

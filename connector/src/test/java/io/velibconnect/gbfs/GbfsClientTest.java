package io.velibconnect.gbfs;

import io.velibconnect.testing.TestData;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GbfsClientTest {

    private static final byte[] STATUS = TestData.bytes("velib/2025-10_dariusbengo/station_status.json");

    private final MockWebServer server = new MockWebServer();
    private GbfsClient client;

    @BeforeEach
    void start() throws IOException {
        server.start();
        client = new GbfsClient(HttpSettings.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(3))
                .withMaxBodyBytes(1_000_000)
                .withAuth("X-Api-Key", "s3cret", List.of(server.url("/").toString())));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private String url() {
        return server.url("/opendata/station_status.json").toString();
    }

    private static MockResponse ok(byte[] body) {
        return new MockResponse.Builder().body(new Buffer().write(body)).build();
    }

    @Test
    void sendsTheValidatorsItWasGivenAndReads304AsNotModified() throws Exception {
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(STATUS))
                .addHeader("ETag", "\"v1\"").addHeader("Last-Modified", "Sat, 18 Oct 2025 09:09:16 GMT").build());
        server.enqueue(new MockResponse.Builder().code(304).build());

        Fetched first = client.fetch(url(), Validators.NONE);
        Fetched second = client.fetch(url(), first.validators());

        assertArrayEquals(STATUS, first.body());
        assertEquals(new Validators("\"v1\"", "Sat, 18 Oct 2025 09:09:16 GMT"), first.validators());
        assertTrue(second.notModified());
        assertEquals(first.validators(), second.validators());
        RecordedRequest plain = server.takeRequest();
        RecordedRequest conditional = server.takeRequest();
        assertNull(plain.getHeaders().get("If-None-Match"));
        assertEquals("\"v1\"", conditional.getHeaders().get("If-None-Match"));
        assertEquals("Sat, 18 Oct 2025 09:09:16 GMT", conditional.getHeaders().get("If-Modified-Since"));
    }

    @Test
    void sendsTheAuthHeaderAndNeverPrintsIt() throws Exception {
        server.enqueue(ok(STATUS));
        client.fetch(url(), Validators.NONE);

        assertEquals("s3cret", server.takeRequest().getHeaders().get("X-Api-Key"));
        assertTrue(HttpSettings.defaults().withAuth("X-Api-Key", "s3cret", List.of()).toString().contains("[hidden]"));
        assertTrue(!HttpSettings.defaults().withAuth("X-Api-Key", "s3cret", List.of()).toString().contains("s3cret"));
    }

    @Test
    void aServerErrorFailsThisFetchAndTheNextOneSucceeds() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).body("oops").build());
        server.enqueue(ok(STATUS));

        FetchException error = assertThrows(FetchException.class, () -> client.fetch(url(), Validators.NONE));
        assertEquals("HTTP 500 Server Error", error.getMessage());
        assertEquals(url(), error.url());
        assertArrayEquals(STATUS, client.fetch(url(), Validators.NONE).body());
    }

    @Test
    void aClientErrorNamesItsStatus() {
        server.enqueue(new MockResponse.Builder().code(404).build());
        assertEquals("HTTP 404 Client Error",
                assertThrows(FetchException.class, () -> client.fetch(url(), Validators.NONE)).getMessage());
    }

    @Test
    void aSlowBodyTimesOut() {
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(STATUS))
                .bodyDelay(2, TimeUnit.SECONDS).build());

        FetchException error = assertThrows(FetchException.class, () -> client.fetch(url(), Validators.NONE));
        assertTrue(error.getMessage().startsWith("no answer from " + server.getHostName() + ":" + server.getPort() + " in time"),
                error.getMessage());
    }

    @Test
    void aBodyCutShortIsAnError() {
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(Arrays.copyOf(STATUS, 1000)))
                .setHeader("Content-Length", STATUS.length).onResponseBody(new SocketEffect.CloseSocket()).build());

        FetchException error = assertThrows(FetchException.class, () -> client.fetch(url(), Validators.NONE));
        assertTrue(error.getMessage().contains("end of stream") || error.getMessage().startsWith("no answer from"),
                error.getMessage());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherDeclaredOrNot() {
        byte[] huge = new byte[2_000_000];
        Arrays.fill(huge, (byte) ' ');
        server.enqueue(ok(huge));
        server.enqueue(new MockResponse.Builder().chunkedBody(new Buffer().write(huge), 65536).build());

        assertEquals("body of 2000000 bytes exceeds the limit of 1000000 bytes",
                assertThrows(FetchException.class, () -> client.fetch(url(), Validators.NONE)).getMessage());
        assertEquals("body exceeds the limit of 1000000 bytes",
                assertThrows(FetchException.class, () -> client.fetch(url(), Validators.NONE)).getMessage());
    }

    @Test
    void followsARedirect() throws Exception {
        server.enqueue(new MockResponse.Builder().code(301)
                .addHeader("Location", server.url("/moved/station_status.json")).build());
        server.enqueue(ok(STATUS));

        Fetched fetched = client.fetch(url(), Validators.NONE);

        assertArrayEquals(STATUS, fetched.body());
        assertEquals("s3cret", server.takeRequest().getHeaders().get("X-Api-Key"));
        RecordedRequest redirected = server.takeRequest();
        assertEquals(server.url("/moved/station_status.json"), redirected.getUrl(), "the body came from there");
        assertEquals("s3cret", redirected.getHeaders().get("X-Api-Key"), "same origin: the key goes on");
    }

    @Test
    void doesNotSendTheAuthHeaderToAnotherOrigin() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start();
            server.enqueue(new MockResponse.Builder().code(302)
                    .addHeader("Location", elsewhere.url("/station_status.json")).build());
            elsewhere.enqueue(ok(STATUS));

            Fetched fetched = client.fetch(url(), Validators.NONE);

            assertArrayEquals(STATUS, fetched.body());
            assertEquals("s3cret", server.takeRequest().getHeaders().get("X-Api-Key"));
            assertNull(elsewhere.takeRequest().getHeaders().get("X-Api-Key"), "another port is another origin");
        }
    }

    @Test
    void aFeedListedOnAnotherOriginIsFetchedWithoutTheKey() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start();
            elsewhere.enqueue(ok(STATUS));

            assertArrayEquals(STATUS, client.fetch(elsewhere.url("/station_status.json").toString(),
                    Validators.NONE).body());

            assertNull(elsewhere.takeRequest().getHeaders().get("X-Api-Key"), "not a configured origin");
        }
    }

    @Test
    void aNotModifiedToAnUnconditionalGetIsAFailedFetch() {
        server.enqueue(new MockResponse.Builder().code(304).build());

        FetchException error = assertThrows(FetchException.class, () -> client.fetch(url(), Validators.NONE));
        assertEquals("HTTP 304 to a GET that was not conditional", error.getMessage());
    }

    @Test
    void aNegativeContentLengthIsAFailedFetchNotACrash() {
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(STATUS))
                .setHeader("Content-Length", "-5").build());

        FetchException error = assertThrows(FetchException.class, () -> client.fetch(url(), Validators.NONE));
        assertTrue(error.getMessage().startsWith("unusable HTTP answer") || error.getMessage().contains("stream"),
                error.getMessage());
    }

    @Test
    void retryAfterIsReadOn429And503() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build());
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "Tue, 31 Dec 2999 23:59:59 GMT")
                .build());
        server.enqueue(new MockResponse.Builder().code(500).addHeader("Retry-After", "30").build());

        assertEquals(Duration.ofSeconds(30),
                assertThrows(FetchException.class, () -> client.fetch(url(), Validators.NONE)).retryAfter());
        assertEquals(RetryAfter.MAX,
                assertThrows(FetchException.class, () -> client.fetch(url(), Validators.NONE)).retryAfter());
        assertNull(assertThrows(FetchException.class, () -> client.fetch(url(), Validators.NONE)).retryAfter(),
                "only 429 and 503 ask to wait");
    }

    @Test
    void aRedirectToAnotherSchemeIsAFailedFetch() {
        for (String location : List.of("file:///etc/passwd", "ftp://127.0.0.1/station_status.json")) {
            server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", location).build());

            FetchException error = assertThrows(FetchException.class, () -> client.fetch(url(), Validators.NONE));
            assertTrue(error.getMessage().startsWith("HTTP 302"), error.getMessage());
        }
    }

    @Test
    void anAuthValueOkhttpRefusesFailsWithoutQuotingIt() {
        try (GbfsClient bad = new GbfsClient(HttpSettings.defaults()
                .withAuth("X-Api-Key", "s3cret\nInjected: yes", List.of(server.url("/").toString())))) {
            FetchException error = assertThrows(FetchException.class, () -> bad.fetch(url(), Validators.NONE));
            assertTrue(!error.getMessage().contains("s3cret"), error.getMessage());
        }
    }
}

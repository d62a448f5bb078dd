package io.velibconnect.gbfs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What an unreachable feed is reported as: the failure in words, never only an exception's class name. */
class NetworkFailureTest {

    private static final String URL = "https://velib-metropole-opendata.smovengo.cloud/opendata/gbfs.json";

    @Test
    void aDnsFailureSaysSoWhetherThrownOrWrapped() {
        String dns = "cannot resolve host velib-metropole-opendata.smovengo.cloud (DNS lookup failed: no network, "
                + "or no such host)";
        assertEquals(dns, NetworkFailure.describe(new UnknownHostException("velib-metropole-opendata.smovengo.cloud"), URL));
        // the JDK's HttpClient reports a failed lookup as a ConnectException caused by UnresolvedAddressException
        ConnectException wrapped = new ConnectException();
        wrapped.initCause(new UnresolvedAddressException());
        assertEquals(dns, NetworkFailure.describe(new IOException(wrapped), URL));
    }

    @Test
    void aTimeoutNamesTheHostAndPort() {
        assertEquals("no answer from 127.0.0.1:8080 in time (Read timed out)",
                NetworkFailure.describe(new SocketTimeoutException("Read timed out"), "http://127.0.0.1:8080/gbfs.json"));
    }

    @Test
    void aRefusedConnectionOnLoopbackIsNamed() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/gbfs.json";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        IOException failure = assertThrows(IOException.class,
                () -> client.send(HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding()));
        assertEquals("connection to 127.0.0.1:" + port + " refused or failed",
                NetworkFailure.describe(failure, url).replaceFirst(" \\(.*", ""));
    }

    @Test
    void anythingElseKeepsItsClassAndMessage() {
        assertEquals("EOFException (unexpected end of stream)",
                NetworkFailure.describe(new java.io.EOFException("unexpected end of stream"), URL));
    }
}

package io.velibconnect.gbfs;

import java.time.Duration;

/**
 * How {@link GbfsClient} talks to a feed.
 *
 * @param connectTimeout  to open a connection
 * @param readTimeout     between two reads of the body
 * @param callTimeout     for the whole call, body included, so a server that trickles bytes cannot hold a poll
 * @param maxBodyBytes    a larger body is refused, never held in memory
 * @param authHeaderName  header that carries a key, null for none
 * @param authHeaderValue its value (kept out of every log line and toString), null for none
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout, long maxBodyBytes,
                           String authHeaderName, String authHeaderValue) {

    public static final long DEFAULT_MAX_BODY_BYTES = 50L * 1024 * 1024;

    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
                DEFAULT_MAX_BODY_BYTES, null, null);
    }

    public HttpSettings withAuth(String name, String value) {
        return new HttpSettings(connectTimeout, readTimeout, callTimeout, maxBodyBytes, name, value);
    }

    public HttpSettings withTimeouts(Duration connect, Duration read, Duration call) {
        return new HttpSettings(connect, read, call, maxBodyBytes, authHeaderName, authHeaderValue);
    }

    public HttpSettings withMaxBodyBytes(long max) {
        return new HttpSettings(connectTimeout, readTimeout, callTimeout, max, authHeaderName, authHeaderValue);
    }

    @Override
    public String toString() {
        return "HttpSettings[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", callTimeout="
                + callTimeout + ", maxBodyBytes=" + maxBodyBytes + ", authHeaderName=" + authHeaderName
                + (authHeaderValue == null ? "" : ", authHeaderValue=[hidden]") + "]";
    }
}

package io.velibconnect.gbfs;

import okhttp3.HttpUrl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How {@link GbfsClient} talks to a feed.
 *
 * @param connectTimeout  to open a connection
 * @param readTimeout     between two reads of the body
 * @param callTimeout     for the whole call, body included, so a server that trickles bytes cannot hold a poll
 * @param maxBodyBytes    a larger body is refused, never held in memory
 * @param authHeaderName  header that carries a key, null for none
 * @param authHeaderValue its value (kept out of every log line and toString), null for none
 * @param authOrigins     the only origins ({@code scheme://host:port}) the key is sent to
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout, long maxBodyBytes,
                           String authHeaderName, String authHeaderValue, Set<String> authOrigins) {

    public static final long DEFAULT_MAX_BODY_BYTES = 50L * 1024 * 1024;

    public HttpSettings {
        authOrigins = Set.copyOf(authOrigins);
    }

    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
                DEFAULT_MAX_BODY_BYTES, null, null, Set.of());
    }

    /** @param originUrls URLs whose origins (scheme, host, port) may receive the key; other parts are ignored */
    public HttpSettings withAuth(String name, String value, List<String> originUrls) {
        return new HttpSettings(connectTimeout, readTimeout, callTimeout, maxBodyBytes, name, value,
                originUrls.stream().map(HttpSettings::origin).filter(Objects::nonNull).collect(Collectors.toSet()));
    }

    public HttpSettings withTimeouts(Duration connect, Duration read, Duration call) {
        return new HttpSettings(connect, read, call, maxBodyBytes, authHeaderName, authHeaderValue, authOrigins);
    }

    public HttpSettings withMaxBodyBytes(long max) {
        return new HttpSettings(connectTimeout, readTimeout, callTimeout, max, authHeaderName, authHeaderValue,
                authOrigins);
    }

    /** The origin of an http(s) URL as {@code scheme://host:port}, null for anything else. */
    public static String origin(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
        return parsed == null ? null : origin(parsed);
    }

    static String origin(HttpUrl url) {
        return url.scheme() + "://" + url.host() + ":" + url.port();
    }

    /** Whether a request to {@code url} carries the auth header. */
    boolean sendsAuthTo(HttpUrl url) {
        return authHeaderName != null && authHeaderValue != null && authOrigins.contains(origin(url));
    }

    /** Whether a key is configured but {@code url}'s origin is not one it may go to. */
    public boolean withholdsAuthFrom(String url) {
        String origin = origin(url);
        return authHeaderName != null && authHeaderValue != null && origin != null && !authOrigins.contains(origin);
    }

    /** {@code text} with the auth value, should a library have quoted it, replaced by {@code [hidden]}. */
    String redact(String text) {
        return text == null || authHeaderValue == null || authHeaderValue.isEmpty() ? text
                : text.replace(authHeaderValue, "[hidden]");
    }

    @Override
    public String toString() {
        return "HttpSettings[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", callTimeout="
                + callTimeout + ", maxBodyBytes=" + maxBodyBytes + ", authHeaderName=" + authHeaderName
                + (authHeaderValue == null ? "" : ", authHeaderValue=[hidden]") + ", authOrigins=" + authOrigins + "]";
    }
}

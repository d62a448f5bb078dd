package io.velibconnect.gbfs;

import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GETs feed bodies over HTTP: conditional (If-None-Match / If-Modified-Since where the server gave an ETag or
 * Last-Modified), with connect, read and whole-call timeouts, following redirects, and reading the body through a
 * counting limit so that an oversized body is refused after {@code maxBodyBytes} rather than filling the heap.
 * One attempt per call: retrying, with backoff, is the caller's schedule ({@code FeedSchedule}), so that a
 * Connect task's {@code poll()} is never held for a whole retry sequence. {@link #close()} cancels calls in flight.
 */
public final class GbfsClient implements Closeable {

    private static final long READ_CHUNK = 64 * 1024;

    private final OkHttpClient http;
    private final HttpSettings settings;
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();

    public GbfsClient(HttpSettings settings) {
        this.settings = settings;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .followRedirects(true)
                .followSslRedirects(true)
                .retryOnConnectionFailure(false)
                .addNetworkInterceptor(this::keepAuthOnItsOrigin)
                .build();
    }

    /** Where the auth header was meant to go: the origin of the URL the caller asked for. */
    private record AuthOrigin(String origin) {
    }

    /**
     * okhttp drops {@code Authorization} on a redirect to another origin, but not a header of another name (an
     * API key): this hop drops the configured auth header too, so a feed's redirect never leaks its key.
     */
    private Response keepAuthOnItsOrigin(Interceptor.Chain chain) throws IOException {
        Request request = chain.request();
        AuthOrigin origin = request.tag(AuthOrigin.class);
        if (origin != null && !origin.origin().equals(HttpSettings.origin(request.url()))) {
            request = request.newBuilder().removeHeader(settings.authHeaderName()).build();
        }
        return chain.proceed(request);
    }

    /**
     * GETs {@code url}; {@code previous} are the validators of the body already held (or {@link Validators#NONE}).
     * The auth header goes only to the origins of {@link HttpSettings#authOrigins()}. Whatever the server answers
     * ends as a body, a not-modified, or a {@link FetchException} whose message holds no secret; feed text in it
     * (URLs, reason phrases) is escaped.
     */
    public Fetched fetch(String url, Validators previous) throws FetchException {
        HttpUrl target = HttpUrl.parse(url);
        if (target == null) {
            throw new FetchException(url, "not an http(s) URL: " + LogText.of(url), null);
        }
        Request.Builder request = new Request.Builder().url(target).header("Accept", "application/json");
        if (settings.sendsAuthTo(target)) {
            try {
                request.header(settings.authHeaderName(), settings.authHeaderValue());
            } catch (IllegalArgumentException e) {
                // okhttp's message quotes the value: it is not kept
                throw new FetchException(url, "http.auth.header or http.auth.value cannot be sent as an HTTP header",
                        null);
            }
            request.tag(AuthOrigin.class, new AuthOrigin(HttpSettings.origin(target)));
        }
        try {
            if (previous.etag() != null) {
                request.header("If-None-Match", previous.etag());
            }
            if (previous.lastModified() != null) {
                request.header("If-Modified-Since", previous.lastModified());
            }
        } catch (IllegalArgumentException e) {
            throw new FetchException(url, "the server's ETag or Last-Modified cannot be sent back: "
                    + LogText.of(e.getMessage()), null);
        }
        Call call = http.newCall(request.build());
        inFlight.add(call);
        try (Response response = call.execute()) {
            return answer(url, previous, response);
        } catch (IOException e) {
            throw new FetchException(url, LogText.of(settings.redact(NetworkFailure.describe(e, url))), e);
        } catch (RuntimeException e) {
            // okhttp throws IllegalArgumentException/IllegalStateException on some malformed answers
            // (a negative Content-Length, a broken header): that is the server's fault, not the task's
            throw new FetchException(url, "unusable HTTP answer: " + LogText.of(settings.redact(e.toString())), null);
        } finally {
            inFlight.remove(call);
        }
    }

    private Fetched answer(String url, Validators previous, Response response) throws IOException, FetchException {
        String finalUrl = response.request().url().toString();
        String from = finalUrl.equals(url) ? "" : " from " + LogText.of(finalUrl);
        if (response.code() == 304) {
            if (previous.etag() == null && previous.lastModified() == null) {
                throw new FetchException(url, "HTTP 304 to a GET that was not conditional" + from, null, null, 304);
            }
            return new Fetched(null, previous, 304);
        }
        if (!response.isSuccessful()) {
            Duration retryAfter = response.code() == 429 || response.code() == 503
                    ? RetryAfter.parse(response.header("Retry-After"), Instant.now()) : null;
            throw new FetchException(url, "HTTP " + response.code() + " " + LogText.of(response.message()) + from
                    + (retryAfter == null ? "" : ", Retry-After " + retryAfter.toSeconds() + " s"), null, retryAfter,
                    response.code());
        }
        Validators validators = new Validators(response.header("ETag"), response.header("Last-Modified"));
        int status = response.code();
        return new Fetched(readLimited(url, status, response.body()), validators, status);
    }

    private byte[] readLimited(String url, int status, ResponseBody body) throws IOException, FetchException {
        long max = settings.maxBodyBytes();
        if (body.contentLength() > max) {
            throw new FetchException(url, "body of " + body.contentLength() + " bytes exceeds the limit of " + max
                    + " bytes", null, null, status);
        }
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        while (source.read(buffer, READ_CHUNK) != -1) {
            if (buffer.size() > max) {
                buffer.clear();
                throw new FetchException(url, "body exceeds the limit of " + max + " bytes", null, null, status);
            }
        }
        return buffer.readByteArray();
    }

    @Override
    public void close() {
        inFlight.forEach(Call::cancel);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}

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

    /** Where the auth header was meant to go: the scheme, host and port of the URL the caller asked for. */
    private record AuthOrigin(HttpUrl url) {
        boolean covers(HttpUrl other) {
            return url.scheme().equals(other.scheme()) && url.host().equals(other.host())
                    && url.port() == other.port();
        }
    }

    /**
     * okhttp drops {@code Authorization} on a redirect to another origin, but not a header of another name (an
     * API key): this hop drops the configured auth header too, so a feed's redirect never leaks its key.
     */
    private Response keepAuthOnItsOrigin(Interceptor.Chain chain) throws IOException {
        Request request = chain.request();
        AuthOrigin origin = request.tag(AuthOrigin.class);
        if (origin != null && !origin.covers(request.url())) {
            request = request.newBuilder().removeHeader(settings.authHeaderName()).build();
        }
        return chain.proceed(request);
    }

    /** GETs {@code url}; {@code previous} are the validators of the body already held (or {@link Validators#NONE}). */
    public Fetched fetch(String url, Validators previous) throws FetchException {
        Request.Builder request;
        try {
            request = new Request.Builder().url(url).header("Accept", "application/json");
        } catch (IllegalArgumentException e) {
            throw new FetchException(url, "not an http(s) URL", e);
        }
        if (settings.authHeaderName() != null && settings.authHeaderValue() != null) {
            request.header(settings.authHeaderName(), settings.authHeaderValue())
                    .tag(AuthOrigin.class, new AuthOrigin(HttpUrl.get(url)));
        }
        if (previous.etag() != null) {
            request.header("If-None-Match", previous.etag());
        }
        if (previous.lastModified() != null) {
            request.header("If-Modified-Since", previous.lastModified());
        }
        Call call = http.newCall(request.build());
        inFlight.add(call);
        try (Response response = call.execute()) {
            String finalUrl = response.request().url().toString();
            if (response.code() == 304) {
                return new Fetched(null, previous, finalUrl);
            }
            if (!response.isSuccessful()) {
                throw new FetchException(url, "HTTP " + response.code() + " " + response.message()
                        + (finalUrl.equals(url) ? "" : " from " + finalUrl), null);
            }
            Validators validators = new Validators(response.header("ETag"), response.header("Last-Modified"));
            return new Fetched(readLimited(url, response.body()), validators, finalUrl);
        } catch (IOException e) {
            throw new FetchException(url, NetworkFailure.describe(e, url), e);
        } finally {
            inFlight.remove(call);
        }
    }

    private byte[] readLimited(String url, ResponseBody body) throws IOException, FetchException {
        long max = settings.maxBodyBytes();
        if (body.contentLength() > max) {
            throw new FetchException(url, "body of " + body.contentLength() + " bytes exceeds the limit of " + max
                    + " bytes", null);
        }
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        while (source.read(buffer, READ_CHUNK) != -1) {
            if (buffer.size() > max) {
                buffer.clear();
                throw new FetchException(url, "body exceeds the limit of " + max + " bytes", null);
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

package io.velibconnect.gbfs;

import java.time.Duration;

/** A GET that gave no usable body: an HTTP error status, a timeout, a broken or oversized body. */
public class FetchException extends Exception {

    private final String url;
    private final Duration retryAfter;

    public FetchException(String url, String message, Throwable cause) {
        this(url, message, cause, null);
    }

    /** @param retryAfter how long the server asked to wait before the next attempt, null where it did not */
    public FetchException(String url, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.url = url;
        this.retryAfter = retryAfter;
    }

    public String url() {
        return url;
    }

    /** The server's {@code Retry-After}, null where it gave none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

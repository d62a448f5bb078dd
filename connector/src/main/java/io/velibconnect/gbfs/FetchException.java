package io.velibconnect.gbfs;

import java.time.Duration;

/** A GET that gave no usable body: an HTTP error status, a timeout, a broken or oversized body. */
public class FetchException extends Exception {

    /** The {@link #httpStatus()} of a GET that got no HTTP answer. */
    public static final int NO_ANSWER = -1;

    private final String url;
    private final Duration retryAfter;
    private final int httpStatus;

    /** A GET that got no HTTP answer, or one that was never sent. */
    public FetchException(String url, String message, Throwable cause) {
        this(url, message, cause, null, NO_ANSWER);
    }

    /**
     * @param retryAfter how long the server asked to wait before the next attempt, null where it did not
     * @param httpStatus the status of the answer refused, {@link #NO_ANSWER} where there was none
     */
    public FetchException(String url, String message, Throwable cause, Duration retryAfter, int httpStatus) {
        super(message, cause);
        this.url = url;
        this.retryAfter = retryAfter;
        this.httpStatus = httpStatus;
    }

    public String url() {
        return url;
    }

    /** The server's {@code Retry-After}, null where it gave none. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The status of the answer refused (an error status, a 304 to a plain GET, a 200 with too large a body). */
    public int httpStatus() {
        return httpStatus;
    }
}

package io.velibconnect.gbfs;

/** A GET that gave no usable body: an HTTP error status, a timeout, a broken or oversized body. */
public class FetchException extends Exception {

    private final String url;

    public FetchException(String url, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
    }

    public String url() {
        return url;
    }
}

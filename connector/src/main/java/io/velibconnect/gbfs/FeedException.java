package io.velibconnect.gbfs;

/**
 * A feed body that cannot be used at all: not JSON, content after the document, no usable envelope time, no
 * {@code data.stations}, more stations than the configured cap.
 */
public class FeedException extends Exception {

    public FeedException(String message) {
        super(message);
    }

    public FeedException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.velibconnect.gbfs;

/** A feed body that cannot be used at all (not JSON, no envelope time, no {@code data.stations}). */
public class FeedException extends Exception {

    public FeedException(String message) {
        super(message);
    }

    public FeedException(String message, Throwable cause) {
        super(message, cause);
    }
}

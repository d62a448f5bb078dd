package io.velibconnect.aggregate;

/** A status or information record the aggregator cannot use; the message names what is wrong. */
public final class BadStationRecord extends Exception {

    private final String station;

    public BadStationRecord(String station, String message) {
        super(message);
        this.station = station;
    }

    /** The station the record is about (its key, id or code), or "?" when even that is unreadable. */
    public String station() {
        return station;
    }
}

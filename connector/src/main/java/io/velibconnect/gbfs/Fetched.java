package io.velibconnect.gbfs;

/**
 * The answer to one GET: a body, or word that the body did not change since {@code validators}.
 *
 * @param body       the body, null when not modified
 * @param validators the validators to send next time
 * @param httpStatus the answer's HTTP status (2xx, or 304 when not modified); 0 for a body read from a file
 */
public record Fetched(byte[] body, Validators validators, int httpStatus) {

    public boolean notModified() {
        return body == null;
    }
}

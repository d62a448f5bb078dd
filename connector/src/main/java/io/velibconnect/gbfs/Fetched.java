package io.velibconnect.gbfs;

/**
 * The answer to one GET: a body, or word that the body did not change since {@code validators}.
 *
 * @param body       the body, null when not modified
 * @param validators the validators to send next time
 */
public record Fetched(byte[] body, Validators validators) {

    public boolean notModified() {
        return body == null;
    }
}

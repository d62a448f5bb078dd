package io.velibconnect.gbfs;

/**
 * What a server said about a body's version, sent back on the next request so that an unchanged feed costs a
 * 304 and no parsing. Either may be null.
 */
public record Validators(String etag, String lastModified) {

    public static final Validators NONE = new Validators(null, null);
}

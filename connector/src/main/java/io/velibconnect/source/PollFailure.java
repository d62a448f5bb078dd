package io.velibconnect.source;

import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FetchException;

import java.io.IOException;

/** Why a poll of a URL failed, as its per-feed error counts name it (docs/metrics.md). */
enum PollFailure {

    NETWORK("network", "no HTTP answer (DNS, a refused or reset connection, a timeout, TLS, a body cut short)"),
    HTTP_STATUS("http-status", "an HTTP error status, or a 304 to a GET that was not conditional"),
    BAD_ANSWER("bad-answer", "an answer refused before parsing (a body over http.max.body.bytes, a malformed "
            + "header), or a request no HTTP client can send"),
    UNUSABLE_BODY("unusable-body", "a body that is not the feed expected (malformed JSON, content after the "
            + "document, a missing data.stations, more than max.stations.per.feed)"),
    UNEXPECTED("unexpected", "an unexpected error while reading the feed");

    final String tag;
    final String meaning;

    PollFailure(String tag, String meaning) {
        this.tag = tag;
        this.meaning = meaning;
    }

    static PollFailure of(Exception failure) {
        if (failure instanceof FetchException fetch) {
            if (fetch.httpStatus() >= 300) {
                return HTTP_STATUS;
            }
            return fetch.httpStatus() == FetchException.NO_ANSWER && fetch.getCause() instanceof IOException
                    ? NETWORK : BAD_ANSWER;
        }
        return failure instanceof FeedException ? UNUSABLE_BODY : UNEXPECTED;
    }
}

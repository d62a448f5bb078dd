package io.velibconnect.source;

import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FetchException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each failure path of a poll lands in one cause; the ones StationFeedTest does not serve are checked here. */
class PollFailureTest {

    private static final String URL = "http://127.0.0.1/station_status.json";

    @Test
    void eachFailureHasOneCause() {
        assertEquals(PollFailure.NETWORK, PollFailure.of(new FetchException(URL, "no answer in time",
                new SocketTimeoutException())));
        assertEquals(PollFailure.HTTP_STATUS, PollFailure.of(new FetchException(URL, "HTTP 429", null, null, 429)));
        assertEquals(PollFailure.HTTP_STATUS, PollFailure.of(new FetchException(URL, "HTTP 304 to a plain GET", null,
                null, 304)));
        assertEquals(PollFailure.BAD_ANSWER, PollFailure.of(new FetchException(URL, "body exceeds the limit", null,
                null, 200)));
        assertEquals(PollFailure.BAD_ANSWER, PollFailure.of(new FetchException(URL, "unusable HTTP answer", null)));
        assertEquals(PollFailure.UNUSABLE_BODY, PollFailure.of(new FeedException("no data.stations",
                new IOException())));
        assertEquals(PollFailure.UNEXPECTED, PollFailure.of(new IllegalStateException("slipped past the parser")));
    }
}

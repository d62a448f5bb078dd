package io.velibconnect.launcher;

import io.velibconnect.gbfs.NetworkFailure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Whether a feed answers at all, before the demo builds a pipeline on it: one short GET, 3 s at most. */
final class FeedProbe {

    static final URI VELIB_LIVE = URI.create(RecordedSnapshots.LIVE_BASE + "gbfs.json");
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private FeedProbe() {
    }

    /** Empty when the feed answered 2xx; otherwise why not, in a few words. */
    static Optional<String> problemWith(URI url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? Optional.empty() : Optional.of("HTTP " + status);
        } catch (IOException e) {
            return Optional.of(NetworkFailure.describe(e, url.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}

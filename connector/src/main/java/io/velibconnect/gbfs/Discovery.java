package io.velibconnect.gbfs;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.HttpUrl;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds a system's feeds. A configured URL is either a {@code gbfs.json} auto-discovery document (GBFS 1.x/2.x
 * {@code data.<language>.feeds}, 3.0 {@code data.feeds}) or a station_status feed itself. For the latter,
 * station_information is guessed beside it ({@code station_status} → {@code station_information} in the last
 * path segment), because without discovery there is nothing better; the guess is only ever made then.
 */
public final class Discovery {

    private static final Pattern STATUS_SEGMENT = Pattern.compile("station[_-]status(\\.json)?",
            Pattern.CASE_INSENSITIVE);

    private Discovery() {
    }

    /** The URLs of one system's feeds; information, system_information and system_regions may be null. */
    public record FeedUrls(String status, String information, String systemInformation, String systemRegions) {
    }

    /** True when {@code url} names a station_status feed rather than a gbfs.json. */
    public static boolean isStatusUrl(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null || parsed.pathSegments().isEmpty()) {
            return false;
        }
        return STATUS_SEGMENT.matcher(parsed.pathSegments().get(parsed.pathSize() - 1)).matches();
    }

    /** A station_status URL used directly, with station_information guessed beside it. */
    public static FeedUrls direct(String statusUrl) {
        HttpUrl parsed = HttpUrl.get(statusUrl);
        String last = parsed.pathSegments().get(parsed.pathSize() - 1);
        String information = last.replaceFirst("(?i)status", "information");
        return new FeedUrls(statusUrl, parsed.newBuilder().setPathSegment(parsed.pathSize() - 1, information)
                .build().toString(), null, null);
    }

    /**
     * Reads a gbfs.json body. The feeds of {@code language} are used, else those of {@code en}, else the first
     * language listed. Relative feed URLs are resolved against {@code discoveryUrl}.
     */
    public static FeedUrls parse(byte[] body, String discoveryUrl, String language) throws FeedException {
        JsonNode data = FeedParser.tree(body).path("data");
        JsonNode feeds = data.has("feeds") ? data.get("feeds") : languageFeeds(data, language);
        if (feeds == null || !feeds.isArray()) {
            throw new FeedException("gbfs.json has no data.feeds nor data.<language>.feeds list");
        }
        String status = null;
        String information = null;
        String systemInformation = null;
        String systemRegions = null;
        HttpUrl base = HttpUrl.parse(discoveryUrl);
        for (JsonNode feed : feeds) {
            String name = feed.path("name").asText();
            String url = resolve(base, feed.path("url").asText(null));
            switch (name) {
                case "station_status" -> status = url;
                case "station_information" -> information = url;
                case "system_information" -> systemInformation = url;
                case "system_regions" -> systemRegions = url;
                default -> { }
            }
        }
        if (status == null) {
            throw new FeedException("gbfs.json lists no station_status feed");
        }
        return new FeedUrls(status, information, systemInformation, systemRegions);
    }

    /** The {@code system_id} of a system_information body, null where it has none. */
    public static String systemId(byte[] systemInformation) throws FeedException {
        JsonNode id = FeedParser.tree(systemInformation).path("data").get("system_id");
        return id != null && id.isValueNode() && !id.asText().isEmpty() ? id.asText() : null;
    }

    private static JsonNode languageFeeds(JsonNode data, String language) {
        if (data.has(language)) {
            return data.get(language).get("feeds");
        }
        if (data.has("en")) {
            return data.get("en").get("feeds");
        }
        Iterator<Map.Entry<String, JsonNode>> languages = data.fields();
        return languages.hasNext() ? languages.next().getValue().get("feeds") : null;
    }

    private static String resolve(HttpUrl base, String url) throws FeedException {
        if (url == null || url.isEmpty()) {
            throw new FeedException("gbfs.json lists a feed without url");
        }
        HttpUrl resolved = base != null ? base.resolve(url) : HttpUrl.parse(url);
        if (resolved == null) {
            throw new FeedException("gbfs.json lists a feed url that is not http(s): " + url);
        }
        return resolved.toString();
    }
}

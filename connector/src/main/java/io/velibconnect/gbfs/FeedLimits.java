package io.velibconnect.gbfs;

/**
 * How much of a feed body {@link FeedParser} accepts, so that a hostile or broken feed costs bounded memory and
 * a bad station costs only itself.
 *
 * @param maxStationsPerFeed a body listing more stations is refused whole (the largest real systems list about
 *                           10,000)
 * @param maxTextLength      a station whose name, address, post code or region id is longer (in characters) is
 *                           rejected alone
 */
public record FeedLimits(int maxStationsPerFeed, int maxTextLength) {

    public static final int DEFAULT_MAX_STATIONS_PER_FEED = 100_000;
    public static final int DEFAULT_MAX_TEXT_LENGTH = 1_000;
    public static final FeedLimits DEFAULTS = new FeedLimits(DEFAULT_MAX_STATIONS_PER_FEED, DEFAULT_MAX_TEXT_LENGTH);

    /** Record keys (stationCode, else station_id) are short ids; a longer one is no key of a real station. */
    public static final int MAX_KEY_LENGTH = 256;

    /**
     * What one station may hold while it is read: one unit per JSON value plus the characters of its strings. A
     * GBFS station holds a few hundred; the cap bounds the memory a single station object can take.
     */
    static final int MAX_STATION_SIZE = 200_000;

    public FeedLimits {
        if (maxStationsPerFeed < 1 || maxTextLength < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxStationsPerFeed + ", " + maxTextLength);
        }
    }
}

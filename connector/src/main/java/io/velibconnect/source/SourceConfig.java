package io.velibconnect.source;

import io.velibconnect.plugin.Choice;

import io.velibconnect.gbfs.FeedLimits;
import io.velibconnect.gbfs.HttpSettings;
import io.velibconnect.records.StationKey;
import io.velibconnect.records.SystemPartitioner;
import okhttp3.HttpUrl;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The configuration of {@link VelibSourceConnector}: every key, default and doc string lives here. */
public final class SourceConfig extends AbstractConfig {

    public static final String GBFS_URL = "gbfs.url";
    public static final String VELIB_GBFS_URL =
            "https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/gbfs.json";
    public static final String STATUS_TOPIC = "status.topic";
    public static final String INFORMATION_TOPIC = "information.topic";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String EMIT = "emit";
    public static final String EMIT_CHANGED = "changed";
    public static final String EMIT_ALL = "all";
    public static final String TTL_MAX_MS = "ttl.max.ms";
    public static final String LANGUAGE = "gbfs.language";
    public static final String MAX_STATIONS_PER_FEED = "max.stations.per.feed";
    public static final String MAX_TEXT_LENGTH = "max.text.length";
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String CALL_TIMEOUT_MS = "http.call.timeout.ms";
    public static final String MAX_BODY_BYTES = "http.max.body.bytes";
    public static final String AUTH_HEADER = "http.auth.header";
    public static final String AUTH_VALUE = "http.auth.value";
    public static final String AUTH_ORIGINS = "http.auth.origins";
    public static final String MAX_CLOCK_SKEW_MS = "max.clock.skew.ms";
    public static final String BACKOFF_MS = "retry.backoff.ms";
    public static final String BACKOFF_MAX_MS = "retry.backoff.max.ms";
    public static final String CATALOG = "gbfs.catalog";
    public static final String CATALOG_COUNTRIES = "gbfs.catalog.countries";
    public static final String CATALOG_SYSTEMS = "gbfs.catalog.systems";
    public static final String CATALOG_REFRESH_MS = "gbfs.catalog.refresh.ms";
    public static final String CATALOG_MAX_BYTES = "gbfs.catalog.max.bytes";
    public static final String CATALOG_MAX_SYSTEMS = "gbfs.catalog.max.systems";
    public static final String STATION_KEY = "station.key";

    /** Set by the connector on each task: the feeds that task alone polls. */
    static final String TASK_FEEDS = "task.feeds";
    static final String CONNECTOR_NAME = "name";

    private static final String FEED = "Feed";
    static final String PARTITIONER_OVERRIDE = "producer.override.partitioner.class";
    static final String SYSTEM_PARTITIONER = SystemPartitioner.class.getName();
    private static final String HTTP = "HTTP";
    private static final String CATALOGUE = "Catalogue";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(GBFS_URL, Type.LIST, VELIB_GBFS_URL, new UrlList(), Importance.HIGH,
                    "Comma-separated feeds to poll, one per bike-share system: a gbfs.json auto-discovery URL "
                            + "(GBFS 1.x/2.x/3.0, Vélib') or a station_status URL. For a station_status URL the "
                            + "station_information feed is guessed beside it. Feeds are spread over tasks; one feed "
                            + "is never polled by two tasks. The default (Vélib') applies only when gbfs.catalog "
                            + "is not set; with both, the feeds polled are the union.", FEED, 1,
                    ConfigDef.Width.LONG, "GBFS URLs")
            .define(STATUS_TOPIC, Type.STRING, "velib-projet", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Topic of station status records (key: stationCode, else station_id).", FEED, 2,
                    ConfigDef.Width.MEDIUM, "Status topic")
            .define(INFORMATION_TOPIC, Type.STRING, "velib-stations", Importance.HIGH,
                    "Topic of station information records, meant to be compacted (key: stationCode, else "
                            + "station_id). Empty: station_information is not polled.", FEED, 3,
                    ConfigDef.Width.MEDIUM, "Information topic")
            .define(POLL_INTERVAL_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(10), Importance.MEDIUM,
                    "Shortest time between two fetches of one feed.", FEED, 4, ConfigDef.Width.SHORT,
                    "Poll interval")
            .define(EMIT, Type.STRING, EMIT_CHANGED, Choice.of(EMIT_CHANGED, EMIT_ALL),
                    Importance.MEDIUM, "'changed': emit a station only when its content differs from the version "
                            + "last emitted (every station on first start). 'all': emit every station of every new "
                            + "feed update, as the original poller did.", FEED, 5, ConfigDef.Width.SHORT, "Emit",
                    Choice.of(EMIT_CHANGED, EMIT_ALL))
            .define(TTL_MAX_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(-1), Importance.MEDIUM,
                    "A feed is not fetched again before its last_updated + ttl, but its ttl holds it back at most "
                            + "this long. -1: always honour the ttl. The default (60 s) keeps feeds with short "
                            + "ttls (5-60 s) fully honoured while following Vélib', whose ttl of 3600 s understates "
                            + "how often its counts change (every minute).", FEED, 6, ConfigDef.Width.SHORT,
                    "Longest ttl wait")
            .define(LANGUAGE, Type.STRING, "en", Importance.LOW,
                    "Language of the gbfs.json feeds and of GBFS 3.0 localized names; 'en', else the first "
                            + "language listed, where it is absent.", FEED, 7, ConfigDef.Width.SHORT, "Language")
            .define(MAX_STATIONS_PER_FEED, Type.INT, FeedLimits.DEFAULT_MAX_STATIONS_PER_FEED,
                    ConfigDef.Range.atLeast(1), Importance.LOW,
                    "A station_status or station_information body listing more stations is refused whole (and "
                            + "the fetch counted as an error), so a broken feed cannot fill the heap. The largest "
                            + "real systems list about 10,000.", FEED, 8, ConfigDef.Width.SHORT, "Max stations")
            .define(MAX_TEXT_LENGTH, Type.INT, FeedLimits.DEFAULT_MAX_TEXT_LENGTH,
                    ConfigDef.Range.between(1, 100_000), Importance.LOW,
                    "A station whose name, address, post code or region id is longer (in characters) is skipped "
                            + "and logged; the other stations are emitted.", FEED, 9, ConfigDef.Width.SHORT,
                    "Max text length")
            .define(CONNECT_TIMEOUT_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Timeout to open a connection to a feed.", HTTP, 1, ConfigDef.Width.SHORT, "Connect timeout")
            .define(READ_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Longest silence while reading a response.", HTTP, 2, ConfigDef.Width.SHORT, "Read timeout")
            .define(CALL_TIMEOUT_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Longest whole request, body included.", HTTP, 3, ConfigDef.Width.SHORT, "Call timeout")
            .define(MAX_BODY_BYTES, Type.LONG, HttpSettings.DEFAULT_MAX_BODY_BYTES, ConfigDef.Range.atLeast(1024),
                    Importance.LOW, "A response body larger than this is refused (and the fetch counted as an "
                            + "error) instead of being held in memory.", HTTP, 4, ConfigDef.Width.SHORT,
                    "Max body bytes")
            .define(AUTH_HEADER, Type.STRING, "Authorization", new HeaderName(), Importance.LOW,
                    "Header that carries the feed's key, sent only when http.auth.value is set.", HTTP, 5,
                    ConfigDef.Width.SHORT, "Auth header")
            .define(AUTH_VALUE, Type.PASSWORD, null, new HeaderValue(), Importance.LOW,
                    "Value of the auth header (e.g. 'Bearer <token>'); never logged. Sent only to the origins "
                            + "(scheme, host, port) of the gbfs.url entries and of http.auth.origins.", HTTP, 6,
                    ConfigDef.Width.MEDIUM, "Auth value")
            .define(AUTH_ORIGINS, Type.LIST, "", new UrlList(), Importance.LOW,
                    "Further URLs whose origins (scheme, host, port) receive the auth header, for systems whose "
                            + "gbfs.json lists feeds on another host. Feeds anywhere else are fetched without it.",
                    HTTP, 9, ConfigDef.Width.LONG, "Auth origins")
            .define(BACKOFF_MS, Type.LONG, 1_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Wait before retrying a failed fetch; doubled after each further failure.", HTTP, 7,
                    ConfigDef.Width.SHORT, "Retry backoff")
            .define(BACKOFF_MAX_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Longest wait between retries of a failing feed.", HTTP, 8, ConfigDef.Width.SHORT,
                    "Max retry backoff")
            .define(MAX_CLOCK_SKEW_MS, Type.LONG, Duration.ofDays(1).toMillis(), ConfigDef.Range.atLeast(0),
                    Importance.LOW, "A feed time (last_updated) later than the worker's clock plus this is bad "
                            + "input: the snapshot is skipped, and such a time in a stored offset is ignored, so "
                            + "that one bogus time never makes every later snapshot look old.", FEED, 8,
                    ConfigDef.Width.SHORT, "Max clock skew")
            .define(CATALOG, Type.STRING, "", new CatalogueLocation(), Importance.HIGH,
                    "A catalogue of systems to poll: the http(s) URL or local file path of a MobilityData "
                            + "systems.csv (https://github.com/MobilityData/gbfs/blob/master/systems.csv), or of a "
                            + "GBFS 3.0 manifest.json (the newest GBFS version this connector reads is used). The "
                            + "connector reads it at start and every gbfs.catalog.refresh.ms, and spreads the chosen "
                            + "systems' gbfs.json URLs over the tasks. Fetched with the http.* settings; the auth "
                            + "header goes to it only if its origin is in http.auth.origins. Requires "
                            + "station.key=system-code. An unreadable catalogue is logged and retried; the systems "
                            + "chosen before are kept.", CATALOGUE, 1, ConfigDef.Width.LONG, "Catalogue")
            .define(CATALOG_COUNTRIES, Type.LIST, "", Importance.MEDIUM,
                    "Country Codes (ISO 3166, e.g. FR,CH) whose catalogue systems are polled; empty: every "
                            + "country. A manifest.json names no countries, so none of its systems matches a "
                            + "country.", CATALOGUE, 2, ConfigDef.Width.MEDIUM, "Countries")
            .define(CATALOG_SYSTEMS, Type.LIST, "", Importance.MEDIUM,
                    "System IDs of the catalogue systems to poll; empty: every system (of the chosen "
                            + "countries).", CATALOGUE, 3, ConfigDef.Width.LONG, "Systems")
            .define(CATALOG_REFRESH_MS, Type.LONG, Duration.ofHours(1).toMillis(), ConfigDef.Range.atLeast(100),
                    Importance.LOW, "How often the catalogue is read again. A change in the chosen systems "
                            + "reassigns the tasks' feeds; an unchanged one moves nothing.", CATALOGUE, 4,
                    ConfigDef.Width.SHORT, "Catalogue refresh")
            .define(CATALOG_MAX_BYTES, Type.LONG, 10L * 1024 * 1024, ConfigDef.Range.atLeast(1024), Importance.LOW,
                    "A larger catalogue is refused (and the systems chosen before kept). MobilityData's "
                            + "systems.csv is about 300 kB.", CATALOGUE, 5, ConfigDef.Width.SHORT,
                    "Catalogue max bytes")
            .define(CATALOG_MAX_SYSTEMS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "A catalogue listing more systems is refused (and the systems chosen before kept). "
                            + "MobilityData lists about 1,000.", CATALOGUE, 6, ConfigDef.Width.SHORT,
                    "Catalogue max systems")
            .define(STATION_KEY, Type.STRING, StationKey.CODE.configValue(), Choice.of(StationKey.class),
                    Importance.MEDIUM, "Record key of status and information records. 'code': stationCode, else "
                            + "station_id, unique within one system only, so it is refused when the connector "
                            + "polls several systems. 'system-code': <system_id>/<stationCode or station_id>, "
                            + "the system id with '%' and '/' percent-escaped; set "
                            + "producer.override.partitioner.class=" + SYSTEM_PARTITIONER + " too, so that all "
                            + "records of one system share a partition.", FEED, 10, ConfigDef.Width.SHORT,
                    "Station key", Choice.of(StationKey.class));

    public SourceConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    /** Whether this connector polls more than one bike-share system, whose local station keys may collide. */
    boolean pollsSeveralSystems() {
        return urls().size() > 1 || catalogue() != null;
    }

    /** Why this configuration cannot run, null when it can: keys that would collide between systems. */
    private String stationKeyConflict() {
        if (stationKey() == StationKey.CODE && pollsSeveralSystems()) {
            return "station.key=code keys a station by its stationCode or station_id alone, which two systems may "
                    + "share; this connector polls several systems, so set " + STATION_KEY + "="
                    + StationKey.SYSTEM_CODE.configValue();
        }
        return null;
    }

    public StationKey stationKey() {
        return StationKey.parse(getString(STATION_KEY));
    }

    /** The gbfs.url feeds; none when only a catalogue is configured. */
    public List<String> urls() {
        if (catalogue() != null && !originals().containsKey(GBFS_URL)) {
            return List.of();
        }
        return getList(GBFS_URL).stream().map(String::trim).filter(url -> !url.isEmpty()).toList();
    }

    /** Null where none is configured. */
    String catalogue() {
        String catalogue = getString(CATALOG);
        return catalogue == null || catalogue.isBlank() ? null : catalogue.trim();
    }

    CatalogueFilter catalogueFilter() {
        return new CatalogueFilter(Set.copyOf(nonBlank(CATALOG_COUNTRIES)), Set.copyOf(nonBlank(CATALOG_SYSTEMS)));
    }

    private List<String> nonBlank(String key) {
        return getList(key).stream().map(String::trim).filter(value -> !value.isEmpty()).toList();
    }

    Duration catalogueRefresh() {
        return Duration.ofMillis(getLong(CATALOG_REFRESH_MS));
    }

    long catalogueMaxBytes() {
        return getLong(CATALOG_MAX_BYTES);
    }

    int catalogueMaxSystems() {
        return getInt(CATALOG_MAX_SYSTEMS);
    }

    /**
     * The rules between keys, each problem by the key to fix: some feed must be configured, and a catalogue's
     * several systems need system-scoped record keys.
     */
    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (urls().isEmpty() && catalogue() == null) {
            problems.put(GBFS_URL, "set gbfs.url or gbfs.catalog (or both)");
        }
        String conflict = stationKeyConflict();
        if (conflict != null) {
            problems.put(STATION_KEY, conflict);
        }
        return problems;
    }

    /** The feeds of one task; the connector's whole list where no task split was made. */
    List<String> taskUrls() {
        Object assigned = originals().get(TASK_FEEDS);
        return assigned == null ? urls() : List.of(assigned.toString().split(","));
    }

    String connectorName() {
        Object name = originals().get(CONNECTOR_NAME);
        return name == null ? "velib-source" : name.toString();
    }

    public String statusTopic() {
        return getString(STATUS_TOPIC);
    }

    /** Null when information is disabled. */
    public String informationTopic() {
        String topic = getString(INFORMATION_TOPIC);
        return topic == null || topic.isBlank() ? null : topic.trim();
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    public boolean emitAll() {
        return EMIT_ALL.equalsIgnoreCase(getString(EMIT).trim());
    }

    public Duration ttlMax() {
        return Duration.ofMillis(getLong(TTL_MAX_MS));
    }

    public String language() {
        return getString(LANGUAGE);
    }

    public FeedLimits feedLimits() {
        return new FeedLimits(getInt(MAX_STATIONS_PER_FEED), getInt(MAX_TEXT_LENGTH));
    }

    public Duration backoff() {
        return Duration.ofMillis(getLong(BACKOFF_MS));
    }

    public Duration backoffMax() {
        return Duration.ofMillis(getLong(BACKOFF_MAX_MS));
    }

    public Duration maxClockSkew() {
        return Duration.ofMillis(getLong(MAX_CLOCK_SKEW_MS));
    }

    FeedSchedule newSchedule() {
        return new FeedSchedule(pollInterval(), ttlMax(), backoff(), backoffMax());
    }

    public HttpSettings http() {
        Password auth = getPassword(AUTH_VALUE);
        List<String> origins = new ArrayList<>(urls());
        getList(AUTH_ORIGINS).stream().map(String::trim).forEach(origins::add);
        return HttpSettings.defaults()
                .withTimeouts(Duration.ofMillis(getLong(CONNECT_TIMEOUT_MS)), Duration.ofMillis(getLong(READ_TIMEOUT_MS)),
                        Duration.ofMillis(getLong(CALL_TIMEOUT_MS)))
                .withMaxBodyBytes(getLong(MAX_BODY_BYTES))
                .withAuth(getString(AUTH_HEADER), auth == null ? null : auth.value(), origins);
    }


    /** Every entry an http(s) URL, none twice (one feed must not be polled by two tasks). */
    private static final class UrlList implements ConfigDef.Validator {

        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> urls = (List<String>) value;
            if (urls == null) {
                return;
            }
            Set<String> seen = new HashSet<>();
            for (String raw : urls) {
                String url = raw.trim();
                if (url.isEmpty()) {
                    continue;
                }
                if (HttpUrl.parse(url) == null) {
                    throw new ConfigException(name, value, "'" + url + "' is not an http:// or https:// URL");
                }
                if (!seen.add(url)) {
                    throw new ConfigException(name, value, "'" + url + "' is listed twice; list each feed once");
                }
            }
        }

        @Override
        public String toString() {
            return "comma-separated http(s) URLs, each once";
        }
    }

    /** An http(s) URL or a file path: anything else with a scheme is a mistake worth saying at once. */
    private static final class CatalogueLocation implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String location = value == null ? "" : value.toString().trim();
            if (location.contains("://") && HttpUrl.parse(location) == null) {
                throw new ConfigException(name, value, "neither an http(s) URL nor a file path");
            }
        }

        @Override
        public String toString() {
            return "an http(s) URL or a file path";
        }
    }

    /**
     * Characters an HTTP header value may hold (RFC 9110 field-value: visible ASCII, space, tab). Checked here,
     * because okhttp would otherwise refuse the value on every poll with a message that quotes it. The
     * message never shows the value.
     */
    private static final class HeaderValue implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value instanceof Password password ? password.value() : null;
            if (text != null && !text.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
                throw new ConfigException("Invalid value [hidden] for configuration " + name + ": it holds a "
                        + "character an HTTP header cannot carry (non-ASCII, a control character or a newline)");
            }
        }

        @Override
        public String toString() {
            return "visible ASCII characters, spaces and tabs";
        }
    }

    /** An HTTP header name: an RFC 9110 token. */
    private static final class HeaderName implements ConfigDef.Validator {
        private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile(
                "[!#$%&'*+.^_`|~0-9A-Za-z-]+");

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !TOKEN.matcher(value.toString()).matches()) {
                throw new ConfigException(name, value, "not an HTTP header name (letters, digits, -, _ ...)");
            }
        }

        @Override
        public String toString() {
            return "an HTTP header name";
        }
    }
}

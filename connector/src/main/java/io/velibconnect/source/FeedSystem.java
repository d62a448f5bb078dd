package io.velibconnect.source;

import io.velibconnect.gbfs.Discovery;
import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.FetchException;
import io.velibconnect.gbfs.GbfsClient;
import io.velibconnect.gbfs.LogText;
import io.velibconnect.gbfs.RegionNames;
import io.velibconnect.gbfs.Rejection;
import io.velibconnect.gbfs.Validators;
import okhttp3.HttpUrl;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One configured {@code gbfs.url}: resolves its feeds (through gbfs.json, or the station_status URL itself) on
 * its first poll, retrying with backoff while that fails, then polls its status and information feeds. When the
 * status feed has failed {@value #REDISCOVER_AFTER_FAILURES} times in a row, gbfs.json is read again after each
 * further failure, and the feeds follow it if it now lists them elsewhere.
 * Source partitions are keyed by the configured URL, not the discovered one, so that offsets survive a system
 * moving its feeds (Vélib' moved from smoove.pro to smovengo.cloud).
 */
final class FeedSystem {

    private static final List<FeedKind<?>> FEED_KINDS = List.of(FeedKind.STATUS, FeedKind.INFORMATION);

    private static final Logger LOG = LoggerFactory.getLogger(FeedSystem.class);
    static final int REDISCOVER_AFTER_FAILURES = 3;

    private final GbfsClient client;
    private final FeedParser parser;
    private final SourceTaskMetrics metrics;
    private final String configuredUrl;
    private final SourceConfig config;
    private final Function<Map<String, Object>, Map<String, Object>> storedOffsets;
    private final FeedSchedule discoverySchedule;
    private final FeedHealth discoveryHealth;
    private String systemId;
    private String systemRegionsUrl;
    private RegionNames regions = RegionNames.NONE;
    private StationFeed<?> status;
    private StationFeed<?> information;

    /** @param storedOffsets the committed offset of a source partition, null where none */
    FeedSystem(GbfsClient client, FeedParser parser, SourceTaskMetrics metrics, String configuredUrl,
               SourceConfig config, Function<Map<String, Object>, Map<String, Object>> storedOffsets) {
        this.client = client;
        this.parser = parser;
        this.metrics = metrics;
        this.configuredUrl = configuredUrl;
        this.config = config;
        this.storedOffsets = storedOffsets;
        this.discoverySchedule = config.newSchedule();
        this.discoveryHealth = new FeedHealth(metrics);
    }

    /*
     * Connect finds an offset by the serialized bytes of its partition, so a partition's keys must always come in
     * the same order: these maps are built in one order, never with Map.of, whose order differs from JVM to JVM.
     * A shard's keys come in the order Connect itself gives them when it rebuilds a partition from JSON (the order
     * of a HashMap: feed, shard, url), so that offsets a user writes back through the REST API (PATCH or DELETE
     * /connectors/<name>/offsets) land on the bytes the tasks read.
     */

    /** The single partition of a feed's offset before it was split in shards; read, never written. */
    static Map<String, Object> partition(String configuredUrl, FeedKind<?> kind) {
        Map<String, Object> partition = new LinkedHashMap<>();
        partition.put("url", configuredUrl);
        partition.put("feed", kind.name());
        return partition;
    }

    static Map<String, Object> partition(String configuredUrl, FeedKind<?> kind, int shard) {
        Map<String, Object> partition = new LinkedHashMap<>();
        partition.put("feed", kind.name());
        partition.put("shard", Integer.toString(shard));
        partition.put("url", configuredUrl);
        return partition;
    }

    /** Every source partition whose offset a system of {@code configuredUrl} may read, in the order written. */
    static List<Map<String, Object>> partitions(String configuredUrl) {
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (FeedKind<?> kind : FEED_KINDS) {
            partitions.add(partition(configuredUrl, kind));
            for (int shard = 0; shard < EmittedDigest.SHARDS; shard++) {
                partitions.add(partition(configuredUrl, kind, shard));
            }
        }
        return partitions;
    }

    /**
     * The same partitions with their keys in the orders earlier versions wrote: the single partition built with
     * Map.of (either order), the shards as url, feed, shard. Equal as maps, so they answer the same lookups.
     */
    static List<Map<String, Object>> earlierOrderPartitions(String configuredUrl) {
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (FeedKind<?> kind : FEED_KINDS) {
            Map<String, Object> reversed = new LinkedHashMap<>();
            reversed.put("feed", kind.name());
            reversed.put("url", configuredUrl);
            partitions.add(reversed);
            for (int shard = 0; shard < EmittedDigest.SHARDS; shard++) {
                Map<String, Object> urlFirst = partition(configuredUrl, kind);
                urlFirst.put("shard", Integer.toString(shard));
                partitions.add(urlFirst);
            }
        }
        return partitions;
    }

    Instant due() {
        if (status == null) {
            return discoverySchedule.due();
        }
        Instant due = status.due();
        return information != null && information.due().isBefore(due) ? information.due() : due;
    }

    List<SourceRecord> poll(Instant now) {
        if (status == null && !(discoverySchedule.isDue(now) && resolve(now))) {
            return List.of();
        }
        StationFeed.Poll statusPoll = status.pollIfDue(now, scope());
        List<SourceRecord> records = new ArrayList<>(statusPoll.records());
        if (information != null) {
            if (information.isDue(now)) {
                readRegions();
            }
            records.addAll(information.pollIfDue(now, scope()).records());
        }
        if (statusPoll.failedInARow() >= REDISCOVER_AFTER_FAILURES && !Discovery.isStatusUrl(configuredUrl)) {
            rediscover(now);
        }
        return records;
    }

    private SystemScope scope() {
        return new SystemScope(systemId, config.stationKey(), regions);
    }

    /**
     * Reads system_regions, where discovery lists it, before each station_information poll. A failing or
     * malformed body keeps the names last read (none at first): region names never hold back station
     * information, and a flapping regions feed does not re-send every station twice.
     */
    private void readRegions() {
        if (systemRegionsUrl == null) {
            return;
        }
        try {
            RegionNames read = parser.parseRegionNames(client.fetch(systemRegionsUrl, Validators.NONE).body());
            for (Rejection rejection : read.rejections().subList(0, Math.min(3, read.rejections().size()))) {
                LOG.warn("system_regions {}: region {} skipped: {}", LogText.of(systemRegionsUrl),
                        rejection.stationId(), rejection.reason());
            }
            regions = read;
        } catch (FetchException | FeedException | RuntimeException e) {
            LOG.warn("system_regions {} unusable ({}); station information goes on with {} region names",
                    LogText.of(systemRegionsUrl), cause(e), regions == RegionNames.NONE ? "no" : "the last read");
        }
    }

    /** Reads gbfs.json again: a status feed that keeps failing may have moved (Vélib' did, in 2023). */
    private void rediscover(Instant now) {
        Discovery.FeedUrls urls;
        try {
            urls = readGbfsJson();
        } catch (FetchException | FeedException | RuntimeException e) {
            LOG.warn("{} keeps failing, and discovery {} failed too: {}", LogText.of(status.url()),
                    LogText.of(configuredUrl), cause(e));
            return;
        }
        if (urls.status().equals(status.url())) {
            LOG.info("{} keeps failing; {} still lists it there", LogText.of(status.url()), LogText.of(configuredUrl));
            return;
        }
        LOG.info("{}: station_status moved from {} to {}; polling the new URL", LogText.of(configuredUrl),
                LogText.of(status.url()), LogText.of(urls.status()));
        noteAuth(urls.status());
        status.moveTo(urls.status());
        if (urls.information() == null || config.informationTopic() == null) {
            return;
        }
        noteAuth(urls.information());
        if (information == null) {
            LOG.info("{}: station_information now listed at {}", LogText.of(configuredUrl),
                    LogText.of(urls.information()));
            information = feed(FeedKind.INFORMATION, urls.information(), config.informationTopic(), now);
        } else if (!urls.information().equals(information.url())) {
            LOG.info("{}: station_information moved from {} to {}", LogText.of(configuredUrl),
                    LogText.of(information.url()), LogText.of(urls.information()));
            information.moveTo(urls.information());
        }
    }

    /** A FetchException's message is already escaped and secret-free; anything else's is feed text. */
    private static String cause(Exception e) {
        return e instanceof FetchException ? e.getMessage() : LogText.of(e instanceof FeedException
                ? e.getMessage() : e.toString());
    }

    private void noteAuth(String feedUrl) {
        if (config.http().withholdsAuthFrom(feedUrl)) {
            LOG.info("{}: {} is on another origin than the configured URLs and http.auth.origins; it is fetched "
                    + "without the auth header", LogText.of(configuredUrl), LogText.of(feedUrl));
        }
    }

    private boolean resolve(Instant now) {
        Discovery.FeedUrls urls;
        try {
            if (Discovery.isStatusUrl(configuredUrl)) {
                urls = Discovery.direct(configuredUrl);
                LOG.info("{} is a station_status feed; station_information guessed beside it at {}",
                        configuredUrl, urls.information());
            } else {
                urls = readGbfsJson();
            }
        } catch (FetchException | FeedException | RuntimeException e) {
            Duration retry = discoverySchedule.failed(now, e instanceof FetchException f ? f.retryAfter() : null);
            discoveryHealth.failed(now, configuredUrl, PollFailure.of(e),
                    "discovery " + LogText.of(configuredUrl) + " failed: " + cause(e), retry);
            return false;
        }
        discoveryHealth.succeeded(configuredUrl);
        systemId = systemId(urls);
        systemRegionsUrl = urls.systemRegions();
        noteAuth(urls.status());
        status = feed(FeedKind.STATUS, urls.status(), config.statusTopic(), now);
        if (config.informationTopic() != null && urls.information() != null) {
            noteAuth(urls.information());
            information = feed(FeedKind.INFORMATION, urls.information(), config.informationTopic(), now);
        }
        LOG.info("{}: system {}, station_status {}, station_information {}", LogText.of(configuredUrl),
                LogText.of(systemId), LogText.of(urls.status()),
                information == null ? "not polled" : LogText.of(urls.information()));
        return true;
    }

    private Discovery.FeedUrls readGbfsJson() throws FetchException, FeedException {
        return Discovery.parse(client.fetch(configuredUrl, Validators.NONE).body(), configuredUrl, config.language());
    }

    private <T> StationFeed<T> feed(FeedKind<T> kind, String url, String topic, Instant now) {
        return new StationFeed<>(client, parser, metrics, kind, url, topic,
                shard -> partition(configuredUrl, kind, shard), config.newSchedule(), config.emitAll(),
                config.maxClockSkew(), now, storedOffsets.apply(partition(configuredUrl, kind)), storedOffsets);
    }

    /** system_information's system_id where discovery lists it and it answers, else {@link #fallbackId}. */
    private String systemId(Discovery.FeedUrls urls) {
        String fallback = fallbackId(configuredUrl);
        if (urls.systemInformation() == null) {
            LOG.info("{}: no system_information listed; system id {}, from the configured URL",
                    LogText.of(configuredUrl), LogText.of(fallback));
            return fallback;
        }
        try {
            String id = Discovery.systemId(client.fetch(urls.systemInformation(), Validators.NONE).body());
            if (id != null) {
                LOG.info("{}: system id {}, from system_information", LogText.of(configuredUrl), LogText.of(id));
                return id;
            }
            LOG.warn("system_information {} has no system_id; system id {}, from the configured URL",
                    LogText.of(urls.systemInformation()), LogText.of(fallback));
        } catch (FetchException | FeedException | RuntimeException e) {
            LOG.warn("system_information {} unusable ({}); system id {}, from the configured URL",
                    LogText.of(urls.systemInformation()), cause(e), LogText.of(fallback));
        }
        return fallback;
    }

    /**
     * The system id of a system that names none: host (and port, where not the scheme's default) and path of the
     * configured URL, without its gbfs.json or station_status file and without the query. Unique per configured
     * URL, so two systems served from one host (nextbike's, under /maps/gbfs/v2/nextbike_xx/) stay apart.
     */
    static String fallbackId(String configuredUrl) {
        HttpUrl url = HttpUrl.get(configuredUrl);
        List<String> path = new ArrayList<>(url.pathSegments());
        String last = path.get(path.size() - 1);
        if (last.isEmpty() || last.equalsIgnoreCase("gbfs.json") || last.equalsIgnoreCase("gbfs")
                || Discovery.isStatusUrl(configuredUrl)) {
            path.remove(path.size() - 1);
        }
        String port = url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port();
        return url.host() + port + path.stream().map(segment -> "/" + segment).collect(Collectors.joining());
    }
}

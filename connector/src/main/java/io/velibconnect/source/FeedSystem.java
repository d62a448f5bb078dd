package io.velibconnect.source;

import io.velibconnect.gbfs.Discovery;
import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.FetchException;
import io.velibconnect.gbfs.GbfsClient;
import io.velibconnect.gbfs.Validators;
import okhttp3.HttpUrl;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One configured {@code gbfs.url}: resolves its feeds (through gbfs.json, or the station_status URL itself) on
 * its first poll, retrying with backoff while that fails, then polls its status and information feeds. When the
 * status feed has failed {@value #REDISCOVER_AFTER_FAILURES} times in a row, gbfs.json is read again after each
 * further failure, and the feeds follow it if it now lists them elsewhere.
 * Source partitions are keyed by the configured URL, not the discovered one, so that offsets survive a system
 * moving its feeds (Vélib' moved from smoove.pro to smovengo.cloud).
 */
final class FeedSystem {

    private static final Logger LOG = LoggerFactory.getLogger(FeedSystem.class);
    static final int REDISCOVER_AFTER_FAILURES = 3;

    private final String configuredUrl;
    private final SourceConfig config;
    private final Function<Map<String, Object>, Map<String, Object>> storedOffsets;
    private final FeedSchedule discoverySchedule;
    private String systemId;
    private StationFeed<?> status;
    private StationFeed<?> information;

    /** @param storedOffsets the committed offset of a source partition, null where none */
    FeedSystem(String configuredUrl, SourceConfig config,
               Function<Map<String, Object>, Map<String, Object>> storedOffsets) {
        this.configuredUrl = configuredUrl;
        this.config = config;
        this.storedOffsets = storedOffsets;
        this.discoverySchedule = config.newSchedule();
    }

    static Map<String, Object> partition(String configuredUrl, FeedKind<?> kind) {
        return Map.of("url", configuredUrl, "feed", kind.name());
    }

    Instant due() {
        if (status == null) {
            return discoverySchedule.due();
        }
        Instant due = status.due();
        return information != null && information.due().isBefore(due) ? information.due() : due;
    }

    List<SourceRecord> poll(Instant now, GbfsClient client, FeedParser parser, SourceTaskMetrics metrics) {
        if (status == null && !(discoverySchedule.isDue(now) && resolve(now, client, metrics))) {
            return List.of();
        }
        int failuresBefore = status.failures();
        List<SourceRecord> records = new ArrayList<>(status.pollIfDue(now, client, parser, systemId, metrics));
        if (information != null) {
            records.addAll(information.pollIfDue(now, client, parser, systemId, metrics));
        }
        if (status.failures() > failuresBefore && status.failures() >= REDISCOVER_AFTER_FAILURES
                && !Discovery.isStatusUrl(configuredUrl)) {
            rediscover(client);
        }
        return records;
    }

    /** Reads gbfs.json again: a status feed that keeps failing may have moved (Vélib' did, in 2023). */
    private void rediscover(GbfsClient client) {
        Discovery.FeedUrls urls;
        try {
            urls = readGbfsJson(client);
        } catch (FetchException | FeedException e) {
            LOG.warn("{} keeps failing, and discovery {} failed too: {}", status.url(), configuredUrl,
                    e.getMessage());
            return;
        }
        if (urls.status().equals(status.url())) {
            LOG.info("{} keeps failing; {} still lists it there", status.url(), configuredUrl);
            return;
        }
        LOG.info("{}: station_status moved from {} to {}; polling the new URL", configuredUrl, status.url(),
                urls.status());
        status.moveTo(urls.status());
        if (urls.information() == null || config.informationTopic() == null) {
            return;
        }
        if (information == null) {
            LOG.info("{}: station_information now listed at {}", configuredUrl, urls.information());
            information = feed(FeedKind.INFORMATION, urls.information(), config.informationTopic());
        } else if (!urls.information().equals(information.url())) {
            LOG.info("{}: station_information moved from {} to {}", configuredUrl, information.url(),
                    urls.information());
            information.moveTo(urls.information());
        }
    }

    private boolean resolve(Instant now, GbfsClient client, SourceTaskMetrics metrics) {
        Discovery.FeedUrls urls;
        try {
            if (Discovery.isStatusUrl(configuredUrl)) {
                urls = Discovery.direct(configuredUrl);
                LOG.info("{} is a station_status feed; station_information guessed beside it at {}",
                        configuredUrl, urls.information());
            } else {
                urls = readGbfsJson(client);
            }
        } catch (FetchException | FeedException e) {
            Duration retry = discoverySchedule.failed(now);
            String error = "discovery " + configuredUrl + " failed: " + e.getMessage();
            LOG.warn("{}; retrying in {} ms", error, retry.toMillis());
            metrics.failed(configuredUrl, error);
            return false;
        }
        systemId = systemId(urls, client);
        status = feed(FeedKind.STATUS, urls.status(), config.statusTopic());
        if (config.informationTopic() != null && urls.information() != null) {
            information = feed(FeedKind.INFORMATION, urls.information(), config.informationTopic());
        }
        LOG.info("{}: system {}, station_status {}, station_information {}", configuredUrl, systemId, urls.status(),
                information == null ? "not polled" : urls.information());
        return true;
    }

    private Discovery.FeedUrls readGbfsJson(GbfsClient client) throws FetchException, FeedException {
        return Discovery.parse(client.fetch(configuredUrl, Validators.NONE).body(), configuredUrl, config.language());
    }

    private <T> StationFeed<T> feed(FeedKind<T> kind, String url, String topic) {
        Map<String, Object> partition = partition(configuredUrl, kind);
        return new StationFeed<>(kind, url, topic, partition, config.newSchedule(), config.emitAll(),
                storedOffsets.apply(partition));
    }

    /** system_information's system_id where discovery lists it and it answers, else the feed's host. */
    private String systemId(Discovery.FeedUrls urls, GbfsClient client) {
        if (urls.systemInformation() != null) {
            try {
                String id = Discovery.systemId(client.fetch(urls.systemInformation(), Validators.NONE).body());
                if (id != null) {
                    return id;
                }
            } catch (FetchException | FeedException e) {
                LOG.warn("system_information {} unusable ({}); the system id is the feed's host",
                        urls.systemInformation(), e.getMessage());
            }
        }
        return HttpUrl.get(urls.status()).host();
    }
}

package io.velibconnect.source;

import io.velibconnect.gbfs.CatalogedSystem;
import io.velibconnect.gbfs.Catalogue;
import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FetchException;
import io.velibconnect.gbfs.Fetched;
import io.velibconnect.gbfs.GbfsClient;
import io.velibconnect.gbfs.LogText;
import io.velibconnect.gbfs.Validators;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads {@code gbfs.catalog} (an http(s) URL, fetched conditionally, or a local file) on a thread of its own,
 * now and then every {@code gbfs.catalog.refresh.ms}, and tells its owner when the chosen systems changed. A
 * catalogue that cannot be read is logged and retried with backoff (never later than the next refresh), and the
 * systems chosen before are kept; before the first good read, none are chosen.
 */
final class CatalogueWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueWatch.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration FIRST_READ_WAIT = Duration.ofSeconds(10);

    /** The last good read: how many usable systems the catalogue listed, and those chosen. */
    record Choice(int listed, List<CatalogedSystem> chosen) {
        List<String> urls() {
            return chosen.stream().map(CatalogedSystem::discoveryUrl).toList();
        }
    }

    private final String location;
    private final CatalogueFilter filter;
    private final int maxSystems;
    private final long maxBytes;
    private final GbfsClient client;
    private final FeedSchedule schedule;
    private final Runnable onChange;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService thread;
    private Validators validators = Validators.NONE;
    private volatile Choice choice;

    /** @param onChange called on the watch's thread after a read that chose other systems than the one before */
    CatalogueWatch(SourceConfig config, Runnable onChange) {
        this.location = config.catalogue();
        this.filter = config.catalogueFilter();
        this.maxSystems = config.catalogueMaxSystems();
        this.maxBytes = config.catalogueMaxBytes();
        this.client = new GbfsClient(config.http().withMaxBodyBytes(maxBytes));
        Duration refresh = config.catalogueRefresh();
        this.schedule = new FeedSchedule(refresh, Duration.ZERO, config.backoff(),
                config.backoffMax().compareTo(refresh) < 0 ? config.backoffMax() : refresh);
        this.onChange = onChange;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "velib-catalogue-" + config.connectorName());
            t.setDaemon(true);
            return t;
        });
    }

    String location() {
        return location;
    }

    CatalogueFilter filter() {
        return filter;
    }

    /**
     * Starts reading: now, then on schedule. Returns once the first read is over, or after {@link #FIRST_READ_WAIT}:
     * Connect asks for the task configurations right after the connector starts (at a resume or a restart too),
     * and a catalogue not read yet gives none, which would stop every task until it is.
     */
    void start() {
        Future<?> first = thread.submit(this::readAndReschedule);
        try {
            first.get(FIRST_READ_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info("catalogue {}: not read within {} s; its systems get tasks once it is", LogText.of(location),
                    FIRST_READ_WAIT.toSeconds());
        } catch (ExecutionException e) {
            LOG.warn("catalogue {}: first read failed", LogText.of(location), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last good read, null before the first. */
    Choice choice() {
        return choice;
    }

    private void readAndReschedule() {
        read();
        long delay = Math.max(1, Duration.between(clock.instant(), schedule.due()).toMillis());
        try {
            thread.schedule(this::readAndReschedule, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // close() came first: nothing more to read
        }
    }

    /** One read of the catalogue, on the watch's thread. */
    void read() {
        Instant now = clock.instant();
        try {
            Fetched fetched = fetch();
            Catalogue catalogue = fetched.notModified() ? null : Catalogue.parse(fetched.body(), maxSystems);
            // kept only once the body was read, so that a refused body is fetched whole again
            validators = fetched.validators();
            schedule.succeeded(now, null, 0);
            if (catalogue != null) {
                choose(catalogue);
            }
        } catch (FetchException | FeedException | IOException | RuntimeException e) {
            Duration retry = schedule.failed(now, e instanceof FetchException f ? f.retryAfter() : null);
            Choice kept = choice;
            // a FetchException's message is already escaped and secret-free
            LOG.warn("catalogue {} unreadable ({}); {}; retrying in {} ms", LogText.of(location),
                    e instanceof FetchException ? e.getMessage()
                            : LogText.of(e instanceof FeedException ? e.getMessage() : e.toString()),
                    kept == null ? "no catalogue system is polled until it is read"
                            : "the " + kept.chosen().size() + " systems chosen before are kept", retry.toMillis());
        }
    }

    private void choose(Catalogue catalogue) {
        if (catalogue.skipped() > 0) {
            LOG.warn("catalogue {}: {} rows skipped, e.g. {}", LogText.of(location), catalogue.skipped(),
                    catalogue.skipExamples());
        }
        Choice next = new Choice(catalogue.systems().size(), filter.choose(catalogue));
        Choice before = choice;
        choice = next;
        if (before == null || !before.urls().equals(next.urls())) {
            onChange.run();
        }
    }

    private Fetched fetch() throws FetchException, FeedException, IOException {
        if (HttpUrl.parse(location) != null) {
            return client.fetch(location, validators);
        }
        Path file = Path.of(location);
        if (Files.size(file) > maxBytes) {
            throw new FeedException("file of " + Files.size(file) + " bytes exceeds gbfs.catalog.max.bytes ("
                    + maxBytes + ")");
        }
        return new Fetched(Files.readAllBytes(file), Validators.NONE, 0);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        client.close();
        try {
            if (!thread.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("catalogue {}: its reader did not stop within {} s", LogText.of(location),
                        STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.velibconnect.launcher;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kafka's standalone Connect worker in this JVM, configured from {@code config/connect-standalone.properties} with
 * the plugin on the classpath (found through its ServiceLoader manifests), its REST API on 127.0.0.1.
 */
final class EmbeddedWorker implements AutoCloseable {

    /**
     * A sink task is only called when records arrive or offsets are flushed, and the aggregator reads new station
     * information only when called: with a quiet status topic (two stations kept) capacities would show up a
     * flush interval late, which is 10 s in the shipped worker file.
     */
    private static final String FLUSH_INTERVAL_MS = "2000";

    private final Connect<StandaloneHerder> connect;
    private final String restUrl;

    private EmbeddedWorker(Connect<StandaloneHerder> connect, String restUrl) {
        this.connect = connect;
        this.restUrl = restUrl;
    }

    static EmbeddedWorker start(Path runDir, String bootstrapServers) {
        Properties props = ShippedConfig.workerProperties();
        int restPort = FreePort.find();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("offset.storage.file.filename", runDir.resolve("connect.offsets").toString());
        props.put("listeners", "http://127.0.0.1:" + restPort);
        props.put("offset.flush.interval.ms", FLUSH_INTERVAL_MS);
        props.remove("plugin.path");
        props.put("plugin.discovery", "service_load");
        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(Utils.propsToStringMap(props));
        return new EmbeddedWorker(connect, "http://127.0.0.1:" + restPort);
    }

    /** Creates a connector as connect-standalone does for each file on its command line. */
    void create(String name, Map<String, String> config) throws UsageException {
        FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, config, false, created);
        try {
            created.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new UsageException("could not create connector " + name + ": " + oneLine(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            throw new UsageException("connector " + name + " was not created within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while creating connector " + name);
        }
    }

    /**
     * Kafka's validation failure lists one error per line and ends with a pointer to the validate endpoint, which
     * the demo's users have no reason to call: the errors are joined on one line, the pointer dropped.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        return String.join("; ", message.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("You can also find the above list of errors"))
                .toList()).replace(":; ", ": ");
    }

    String restUrl() {
        return restUrl;
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}

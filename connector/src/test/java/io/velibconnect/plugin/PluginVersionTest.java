package io.velibconnect.plugin;

import io.velibconnect.aggregate.AggregatorTask;
import io.velibconnect.aggregate.VelibAggregatorConnector;
import io.velibconnect.converter.StreamingJsonConverter;
import io.velibconnect.source.VelibSourceConnector;
import io.velibconnect.source.VelibSourceTask;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class PluginVersionTest {

    /** The pom's version, which surefire passes in: null (and a failure) if it does not. */
    private static final String PROJECT_VERSION = System.getProperty("project.version");

    @Test
    void isTheMavenProjectVersion() {
        assertNotNull(PROJECT_VERSION, "surefire sets project.version");
        assertEquals(PROJECT_VERSION, PluginVersion.VALUE);
    }

    @Test
    void connectorsTasksAndTheConverterReportIt() {
        // tasks are no ConnectPlugin (not Versioned), so each plugin is read through its version() method
        Map<String, Supplier<String>> plugins = Map.of(
                "VelibSourceConnector", new VelibSourceConnector()::version,
                "VelibSourceTask", new VelibSourceTask()::version,
                "VelibAggregatorConnector", new VelibAggregatorConnector()::version,
                "AggregatorTask", new AggregatorTask()::version,
                "StreamingJsonConverter", new StreamingJsonConverter()::version);
        assertAll(plugins.entrySet().stream().map(plugin -> () ->
                assertEquals(PROJECT_VERSION, plugin.getValue().get(), plugin.getKey())));
    }
}

package io.velibconnect.transforms;

import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

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
    void everyTransformationAndPredicateReportsIt() {
        List<Versioned> plugins = List.of(new Where.Key<SourceRecord>(), new Where.Value<SourceRecord>(),
                new Select.Key<SourceRecord>(), new Select.Value<SourceRecord>(),
                new StationCodeFilter.Key<SourceRecord>(), new StationCodeFilter.Value<SourceRecord>(),
                new ExpressionPredicate<SourceRecord>());
        assertAll(plugins.stream().map(plugin -> () ->
                assertEquals(PROJECT_VERSION, plugin.version(), plugin.getClass().getName())));
    }
}

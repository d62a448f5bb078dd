package io.velibconnect.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.velibconnect.aggregate.VelibAggregatorConnector;
import io.velibconnect.converter.StreamingJsonConverter;
import io.velibconnect.source.VelibSourceConnector;
import io.velibconnect.transforms.ExpressionPredicate;
import io.velibconnect.transforms.Select;
import io.velibconnect.transforms.StationCodeFilter;
import io.velibconnect.transforms.Where;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is what the plugins' ConfigDefs say: this test fails when either changes alone. */
class ConfigurationReferenceTest {

    private static final Path REFERENCE = Path.of(System.getProperty("testdata.dir", "../testdata"))
            .resolveSibling("docs").resolve("configuration.md");

    static List<ConfigurationReference.Plugin> plugins() {
        return List.of(
                new ConfigurationReference.Plugin("Source connector", VelibSourceConnector.class.getName(),
                        "Connector configuration (`connector.class`).", new VelibSourceConnector().config()),
                new ConfigurationReference.Plugin("Aggregator connector", VelibAggregatorConnector.class.getName(),
                        "Connector configuration (`connector.class`).", new VelibAggregatorConnector().config()),
                new ConfigurationReference.Plugin("Where transform", Where.class.getName() + "$Value",
                        "A single message transform (`transforms.<name>.type`; `$Key` tests the key); its keys "
                                + "take the prefix `transforms.<name>.`.", new Where.Value<>().config()),
                new ConfigurationReference.Plugin("Select transform", Select.class.getName() + "$Value",
                        "A single message transform (`$Key` reshapes the key); its keys take the prefix "
                                + "`transforms.<name>.`.", new Select.Value<>().config()),
                new ConfigurationReference.Plugin("ExpressionPredicate", ExpressionPredicate.class.getName(),
                        "A predicate (`predicates.<name>.type`); its keys take the prefix "
                        + "`predicates.<name>.`.", new ExpressionPredicate<>().config()),
                new ConfigurationReference.Plugin("StationCodeFilter transform", StationCodeFilter.class.getName() + "$Value",
                        "A single message transform; its keys take the prefix `transforms.<name>.`.",
                        new StationCodeFilter.Value<>().config()),
                new ConfigurationReference.Plugin("StreamingJsonConverter", StreamingJsonConverter.class.getName(),
                        "A converter (`key.converter`, `value.converter`); it takes JsonConverter's settings, "
                                + "with the converter's prefix.", new StreamingJsonConverter().config()));
    }

    @Test
    void theReferenceIsWhatTheConfigDefsSay() throws Exception {
        String generated = ConfigurationReference.render(plugins());
        if (Boolean.getBoolean("configuration.reference.write")) {
            Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(REFERENCE), REFERENCE + " is missing: run this test with "
                + "-Dconfiguration.reference.write=true");
        assertEquals(generated, Files.readString(REFERENCE, StandardCharsets.UTF_8), "docs/configuration.md is "
                + "out of date with the ConfigDefs: run this test with -Dconfiguration.reference.write=true");
    }
}

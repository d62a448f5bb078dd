package io.velibconnect.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * The version every transformation and predicate of this module reports to Connect (REST plugin lists, KIP-891
 * {@code *.plugin.version} selection): the Maven project version, written into {@code version.properties} beside
 * this class when the module is built.
 */
final class PluginVersion {

    static final String VALUE = read();

    private PluginVersion() {
    }

    private static String read() {
        try (InputStream in = PluginVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing beside " + PluginVersion.class.getName());
            }
            Properties properties = new Properties();
            properties.load(in);
            return Objects.requireNonNull(properties.getProperty("version"), "version.properties has no version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

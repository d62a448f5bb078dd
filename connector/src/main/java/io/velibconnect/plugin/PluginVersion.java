package io.velibconnect.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * The version both connectors, their tasks and the converter report to Connect (REST plugin lists, KIP-891
 * {@code *.plugin.version} selection): the Maven project version, written into {@code version.properties} beside
 * this class when the module is built.
 */
public final class PluginVersion {

    public static final String VALUE = read();

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

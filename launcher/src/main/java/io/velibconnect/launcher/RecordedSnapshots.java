package io.velibconnect.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The Vélib' feed documents of 2024-12-15 that ship in the launcher jar (see replay/SOURCES.md): gbfs.json,
 * system and station information, and the status snapshots in the order snapshots.txt gives.
 */
record RecordedSnapshots(String gbfs, String systemInformation, String stationInformation, List<byte[]> statuses) {

    /** The host and path prefix of every URL in the recorded gbfs.json. */
    static final String LIVE_BASE = "https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/";
    private static final String DIR = "replay/";

    static RecordedSnapshots load() {
        List<byte[]> statuses = new ArrayList<>();
        for (String name : text(DIR + "snapshots.txt").lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            statuses.add(bytes(DIR + name));
        }
        return new RecordedSnapshots(text(DIR + "gbfs.json"), text(DIR + "system_information.json"),
                new String(bytes(DIR + "station_information_2024-12-15T1751Z.json.gz"), StandardCharsets.UTF_8), statuses);
    }

    private static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String resource) {
        try (InputStream raw = RecordedSnapshots.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("launcher jar lacks " + resource);
            }
            try (InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

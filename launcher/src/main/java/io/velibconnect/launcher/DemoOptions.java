package io.velibconnect.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** What {@code velib-connect demo} was asked to do. */
record DemoOptions(boolean allStations, boolean replayOnly, Optional<URI> gbfsUrl, Optional<Path> metadataCsv,
                   Output output, OptionalLong exitAfterIdleSeconds, int replayStepSeconds, Optional<Path> runDir) {

    enum Output { TABLE, JSON }

    /** The two-station filter names Vélib' station codes, so it only applies to the Vélib' feed. */
    boolean keepsTwoStationsOnly() {
        return !allStations && gbfsUrl.isEmpty();
    }
}

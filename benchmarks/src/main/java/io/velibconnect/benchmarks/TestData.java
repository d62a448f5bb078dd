package io.velibconnect.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The recorded feeds the benchmarks read, under the checkout's {@code testdata/}: {@code -Dtestdata.dir} (surefire
 * sets it), else {@code testdata} relative to the working directory, which is the project root for a JMH run.
 */
public final class TestData {

    /** A real Vélib' station_status of 1,486 stations (2024-12-15 10:35Z). */
    public static final String VELIB_STATUS = "velib/2024-12-15_InfoFlower-timeseries/station_status_2024-12-15T1035Z.json";

    /** The next recorded snapshot of the same day (10:37Z): some stations changed since {@link #VELIB_STATUS}. */
    public static final String VELIB_STATUS_NEXT =
            "velib/2024-12-15_InfoFlower-timeseries/station_status_2024-12-15T1037Z.json";

    private TestData() {
    }

    public static Path file(String relative) {
        Path root = Path.of(System.getProperty("testdata.dir", "testdata"));
        Path file = root.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " not found: run from the project root or set "
                    + "-Dtestdata.dir to the checkout's testdata/ folder");
        }
        return file;
    }
}

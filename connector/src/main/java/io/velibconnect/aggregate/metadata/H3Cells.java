package io.velibconnect.aggregate.metadata;

import java.io.IOException;

import com.uber.h3core.H3Core;

/** The H3 cells of one resolution ({@code group.by=h3}), computed by Uber's H3 library. */
public final class H3Cells {

    private final H3Core h3;
    private final int resolution;

    private H3Cells(H3Core h3, int resolution) {
        this.h3 = h3;
        this.resolution = resolution;
    }

    /** Loads the H3 native library (shipped in its jar for the common platforms). */
    public static H3Cells at(int resolution) {
        try {
            return new H3Cells(H3Core.newInstance(), resolution);
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("Cannot load the H3 native library for " + System.getProperty("os.name")
                    + "/" + System.getProperty("os.arch") + " (needed by group.by=h3): " + e.getMessage(), e);
        }
    }

    /**
     * The address of the cell holding the position, or null when the position is unusable: out of range, or
     * exactly (0, 0), which feeds write for an unknown position (no station stands there, in the Gulf of Guinea).
     */
    public String of(Double lat, Double lon) {
        if (lat == null || lon == null || !(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)
                || (lat == 0 && lon == 0)) {
            return null;
        }
        return h3.latLngToCellAddress(lat, lon, resolution);
    }
}

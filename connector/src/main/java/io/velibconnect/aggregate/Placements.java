package io.velibconnect.aggregate;

/** Decides which group a station is counted in (implemented by {@link StationMetadata}). */
@FunctionalInterface
public interface Placements {

    Placement of(String stationId, String stationCode);
}

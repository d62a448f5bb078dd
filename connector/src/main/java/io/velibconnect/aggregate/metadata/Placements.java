package io.velibconnect.aggregate.metadata;

/** Decides which group a station is counted in (implemented by {@link StationMetadata}). */
@FunctionalInterface
public interface Placements {

    /** @param systemId the station's system, or null when its records name none */
    Placement of(String systemId, String stationId, String stationCode);
}

package io.velibconnect.source;

import io.velibconnect.records.StationSchemas;

import io.velibconnect.gbfs.StationInformation;
import io.velibconnect.gbfs.StationStatus;
import org.apache.kafka.connect.data.Struct;

import java.time.Instant;
import java.util.Date;

/** Turns parsed stations into Connect Structs of the {@link StationSchemas} layout. */
public final class StationRecords {

    private StationRecords() {
    }

    public static Struct status(StationStatus station, String systemId) {
        return new Struct(StationSchemas.STATUS)
                .put(StationSchemas.STATION_ID, station.stationId())
                .put(StationSchemas.STATION_CODE, station.stationCode())
                .put(StationSchemas.NUM_BIKES_AVAILABLE, station.numBikesAvailable())
                .put(StationSchemas.MECHANICAL, station.mechanical())
                .put(StationSchemas.EBIKE, station.ebike())
                .put(StationSchemas.NUM_DOCKS_AVAILABLE, station.numDocksAvailable())
                .put(StationSchemas.IS_INSTALLED, station.isInstalled())
                .put(StationSchemas.IS_RENTING, station.isRenting())
                .put(StationSchemas.IS_RETURNING, station.isReturning())
                .put(StationSchemas.LAST_REPORTED, date(station.lastReported()))
                .put(StationSchemas.LAST_UPDATED, date(station.lastUpdated()))
                .put(StationSchemas.SYSTEM_ID, systemId);
    }

    public static Struct information(StationInformation station, String systemId) {
        return new Struct(StationSchemas.INFORMATION)
                .put(StationSchemas.STATION_ID, station.stationId())
                .put(StationSchemas.STATION_CODE, station.stationCode())
                .put(StationSchemas.NAME, station.name())
                .put(StationSchemas.LAT, station.lat())
                .put(StationSchemas.LON, station.lon())
                .put(StationSchemas.CAPACITY, station.capacity())
                .put(StationSchemas.POST_CODE, station.postCode())
                .put(StationSchemas.ADDRESS, station.address())
                .put(StationSchemas.REGION_ID, station.regionId())
                .put(StationSchemas.LAST_UPDATED, date(station.lastUpdated()))
                .put(StationSchemas.SYSTEM_ID, systemId)
                .put(StationSchemas.REGION_NAME, station.regionName());
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}

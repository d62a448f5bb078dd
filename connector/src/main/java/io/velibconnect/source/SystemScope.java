package io.velibconnect.source;

import io.velibconnect.gbfs.RegionNames;
import io.velibconnect.records.StationKey;

/**
 * What the records of one system share: the system id every value carries, how a station's record key is built
 * from its local key, and the names of the system's regions.
 */
record SystemScope(String systemId, StationKey stationKey, RegionNames regions) {

    /** The record key of the station whose local key (stationCode, else station_id) is {@code localKey}. */
    String recordKey(String localKey) {
        return stationKey.recordKey(systemId, localKey);
    }
}

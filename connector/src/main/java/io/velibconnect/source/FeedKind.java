package io.velibconnect.source;

import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.FeedSnapshot;
import io.velibconnect.gbfs.StationInformation;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.records.StationSchemas;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What differs between polling station_status and station_information: parsing, keys, content, records.
 *
 * @param name    the GBFS feed name, also the {@code feed} field of the source partition
 * @param parser  parses a body
 * @param key     the station's local key (stationCode, else station_id): what digests are keyed by
 * @param scoped  the station completed with what its system knows of it (the name of its region)
 * @param fingerprint the fingerprint of what a change is judged on (the station's content)
 * @param schema  the value schema
 * @param value   the value Struct of a station in a system
 */
record FeedKind<T>(String name, Parse<T> parser, Function<T, String> key, BiFunction<T, SystemScope, T> scoped,
                   ToLongFunction<T> fingerprint, Schema schema, BiFunction<T, String, Struct> value) {

    /** Parses one body into a snapshot. */
    interface Parse<T> {
        FeedSnapshot<T> parse(FeedParser parser, byte[] body) throws FeedException;
    }

    static final FeedKind<StationStatus> STATUS = new FeedKind<>("station_status", FeedParser::parseStatus,
            StationStatus::key, (station, system) -> station, StationStatus::fingerprint, StationSchemas.STATUS,
            StationRecords::status);

    static final FeedKind<StationInformation> INFORMATION = new FeedKind<>("station_information",
            FeedParser::parseInformation, StationInformation::key,
            (station, system) -> station.withRegionName(system.regions().of(station.regionId())),
            StationInformation::fingerprint,
            StationSchemas.INFORMATION, StationRecords::information);

    FeedSnapshot<T> parse(FeedParser feedParser, byte[] body) throws FeedException {
        return parser.parse(feedParser, body);
    }
}

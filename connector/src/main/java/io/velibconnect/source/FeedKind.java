package io.velibconnect.source;

import io.velibconnect.gbfs.FeedException;
import io.velibconnect.gbfs.FeedParser;
import io.velibconnect.gbfs.FeedSnapshot;
import io.velibconnect.gbfs.StationInformation;
import io.velibconnect.gbfs.StationStatus;
import io.velibconnect.records.StationRecords;
import io.velibconnect.records.StationSchemas;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** What differs between polling station_status and station_information: parsing, keys, content, records. */
interface FeedKind<T> {

    /** The GBFS feed name, also the {@code feed} field of the source partition. */
    String name();

    FeedSnapshot<T> parse(FeedParser parser, byte[] body) throws FeedException;

    String key(T station);

    String content(T station);

    Schema schema();

    Struct value(T station, String systemId);

    FeedKind<StationStatus> STATUS = new FeedKind<>() {
        @Override
        public String name() {
            return "station_status";
        }

        @Override
        public FeedSnapshot<StationStatus> parse(FeedParser parser, byte[] body) throws FeedException {
            return parser.parseStatus(body);
        }

        @Override
        public String key(StationStatus station) {
            return station.key();
        }

        @Override
        public String content(StationStatus station) {
            return station.content();
        }

        @Override
        public Schema schema() {
            return StationSchemas.STATUS;
        }

        @Override
        public Struct value(StationStatus station, String systemId) {
            return StationRecords.status(station, systemId);
        }
    };

    FeedKind<StationInformation> INFORMATION = new FeedKind<>() {
        @Override
        public String name() {
            return "station_information";
        }

        @Override
        public FeedSnapshot<StationInformation> parse(FeedParser parser, byte[] body) throws FeedException {
            return parser.parseInformation(body);
        }

        @Override
        public String key(StationInformation station) {
            return station.key();
        }

        @Override
        public String content(StationInformation station) {
            return station.content();
        }

        @Override
        public Schema schema() {
            return StationSchemas.INFORMATION;
        }

        @Override
        public Struct value(StationInformation station, String systemId) {
            return StationRecords.information(station, systemId);
        }
    };
}

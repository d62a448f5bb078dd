package io.velibconnect.records;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The Connect schemas of the records the source writes and the aggregator reads. Field names follow the feed
 * (so what people already query keeps working); Vélib's {@code num_bikes_available_types} is flattened into
 * {@code mechanical} and {@code ebike}. Keys are strings: {@code stationCode}, else {@code station_id}.
 */
public final class StationSchemas {

    public static final String STATION_ID = "station_id";
    public static final String STATION_CODE = "stationCode";
    public static final String NUM_BIKES_AVAILABLE = "num_bikes_available";
    public static final String MECHANICAL = "mechanical";
    public static final String EBIKE = "ebike";
    public static final String NUM_DOCKS_AVAILABLE = "num_docks_available";
    public static final String IS_INSTALLED = "is_installed";
    public static final String IS_RENTING = "is_renting";
    public static final String IS_RETURNING = "is_returning";
    public static final String LAST_REPORTED = "last_reported";
    public static final String LAST_UPDATED = "last_updated";
    public static final String SYSTEM_ID = "system_id";

    public static final String NAME = "name";
    public static final String LAT = "lat";
    public static final String LON = "lon";
    public static final String CAPACITY = "capacity";
    public static final String POST_CODE = "post_code";
    public static final String ADDRESS = "address";
    public static final String REGION_ID = "region_id";
    public static final String REGION_NAME = "region_name";

    public static final Schema KEY = Schema.STRING_SCHEMA;

    /** One station's status at one feed update (topic {@code velib-projet}). */
    public static final Schema STATUS = SchemaBuilder.struct()
            .name("io.velibconnect.StationStatus").version(1)
            .doc("Status of one bike-share station, as published by its GBFS station_status feed")
            .field(STATION_ID, Schema.STRING_SCHEMA)
            .field(STATION_CODE, Schema.OPTIONAL_STRING_SCHEMA)
            .field(NUM_BIKES_AVAILABLE, Schema.INT32_SCHEMA)
            .field(MECHANICAL, Schema.OPTIONAL_INT32_SCHEMA)
            .field(EBIKE, Schema.OPTIONAL_INT32_SCHEMA)
            .field(NUM_DOCKS_AVAILABLE, Schema.OPTIONAL_INT32_SCHEMA)
            .field(IS_INSTALLED, Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field(IS_RENTING, Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field(IS_RETURNING, Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field(LAST_REPORTED, Timestamp.builder().optional().build())
            .field(LAST_UPDATED, Timestamp.SCHEMA)
            .field(SYSTEM_ID, Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    /** One station's static description (compacted topic {@code velib-stations}). */
    public static final Schema INFORMATION = SchemaBuilder.struct()
            .name("io.velibconnect.StationInformation").version(1)
            .doc("Description of one bike-share station, as published by its GBFS station_information feed")
            .field(STATION_ID, Schema.STRING_SCHEMA)
            .field(STATION_CODE, Schema.OPTIONAL_STRING_SCHEMA)
            .field(NAME, Schema.OPTIONAL_STRING_SCHEMA)
            .field(LAT, Schema.FLOAT64_SCHEMA)
            .field(LON, Schema.FLOAT64_SCHEMA)
            .field(CAPACITY, Schema.OPTIONAL_INT32_SCHEMA)
            .field(POST_CODE, Schema.OPTIONAL_STRING_SCHEMA)
            .field(ADDRESS, Schema.OPTIONAL_STRING_SCHEMA)
            .field(REGION_ID, Schema.OPTIONAL_STRING_SCHEMA)
            .field(LAST_UPDATED, Timestamp.SCHEMA)
            .field(SYSTEM_ID, Schema.OPTIONAL_STRING_SCHEMA)
            .field(REGION_NAME, Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private StationSchemas() {
    }
}

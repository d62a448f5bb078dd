package io.velibconnect.aggregate;

import java.util.Date;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The Connect schema of the totals records ({@code velib-projet-final-data}), keyed by the group. Column names
 * are the seed's Spark job's, so its consumers keep working.
 */
public final class TotalsRecords {

    public static final String TIMESTAMP = "timestamp";
    public static final String POSTCODE = "postcode";
    public static final String CITY = "city";
    public static final String STATIONS = "stations";
    public static final String TOTAL_BIKES_AVAILABLE = "total_bikes_available";
    public static final String TOTAL_MECHANICAL_BIKES = "total_mechanical_bikes";
    public static final String TOTAL_ELECTRIC_BIKES = "total_electric_bikes";
    public static final String TOTAL_DOCKS_AVAILABLE = "total_docks_available";
    public static final String TOTAL_CAPACITY = "total_capacity";
    public static final String LAST_REPORTED = "last_reported";

    public static final Schema KEY = Schema.STRING_SCHEMA;

    public static final Schema VALUE = SchemaBuilder.struct()
            .name("io.velibconnect.PostcodeTotals").version(1)
            .doc("Totals of one group (postcode or city): sums over its stations of each station's latest status")
            .field(TIMESTAMP, Timestamp.SCHEMA)
            .field(POSTCODE, Schema.OPTIONAL_STRING_SCHEMA)
            .field(CITY, Schema.OPTIONAL_STRING_SCHEMA)
            .field(STATIONS, Schema.INT32_SCHEMA)
            .field(TOTAL_BIKES_AVAILABLE, Schema.INT64_SCHEMA)
            .field(TOTAL_MECHANICAL_BIKES, Schema.INT64_SCHEMA)
            .field(TOTAL_ELECTRIC_BIKES, Schema.INT64_SCHEMA)
            .field(TOTAL_DOCKS_AVAILABLE, Schema.INT64_SCHEMA)
            .field(TOTAL_CAPACITY, Schema.INT64_SCHEMA)
            .field(LAST_REPORTED, Timestamp.builder().optional().build())
            .build();

    private TotalsRecords() {
    }

    public static Struct toStruct(GroupTotals totals) {
        return new Struct(VALUE)
                .put(TIMESTAMP, new Date(totals.timestamp()))
                .put(POSTCODE, totals.postcode())
                .put(CITY, totals.city())
                .put(STATIONS, totals.stations())
                .put(TOTAL_BIKES_AVAILABLE, totals.bikes())
                .put(TOTAL_MECHANICAL_BIKES, totals.mechanical())
                .put(TOTAL_ELECTRIC_BIKES, totals.ebike())
                .put(TOTAL_DOCKS_AVAILABLE, totals.docks())
                .put(TOTAL_CAPACITY, totals.capacity())
                .put(LAST_REPORTED, totals.lastReported() == null ? null : new Date(totals.lastReported()));
    }
}

package io.velibconnect.aggregate;

import java.util.Date;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The Connect schema of the totals records ({@code velib-projet-final-data}), keyed by the group. Column names
 * are those the original Spark job wrote, so its consumers keep working; the fields after them are optional, so a
 * record written before they were added still reads. The field named after group.by ({@link GroupBy#configValue})
 * holds the group.
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
    public static final String REGION = "region";
    public static final String REGION_NAME = "region_name";
    public static final String H3 = "h3";
    public static final String SYSTEM_ID = "system_id";

    public static final Schema KEY = Schema.STRING_SCHEMA;

    public static final Schema VALUE = SchemaBuilder.struct()
            .name("io.velibconnect.PostcodeTotals").version(1)
            .doc("Totals of one group (postcode, city, region or H3 cell): sums over its stations of each "
                    + "station's latest status")
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
            .field(REGION, Schema.OPTIONAL_STRING_SCHEMA)
            .field(REGION_NAME, Schema.OPTIONAL_STRING_SCHEMA)
            .field(H3, Schema.OPTIONAL_STRING_SCHEMA)
            .field(SYSTEM_ID, Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private TotalsRecords() {
    }

    public static Struct toStruct(GroupTotals totals) {
        GroupLabels labels = totals.labels();
        return new Struct(VALUE)
                .put(TIMESTAMP, new Date(totals.timestamp()))
                .put(POSTCODE, labels.postcode())
                .put(CITY, labels.city())
                .put(STATIONS, totals.stations())
                .put(TOTAL_BIKES_AVAILABLE, totals.bikes())
                .put(TOTAL_MECHANICAL_BIKES, totals.mechanical())
                .put(TOTAL_ELECTRIC_BIKES, totals.ebike())
                .put(TOTAL_DOCKS_AVAILABLE, totals.docks())
                .put(TOTAL_CAPACITY, totals.capacity())
                .put(LAST_REPORTED, totals.lastReported() == null ? null : new Date(totals.lastReported()))
                .put(REGION, labels.region())
                .put(REGION_NAME, labels.regionName())
                .put(H3, labels.h3())
                .put(SYSTEM_ID, labels.systemId());
    }
}

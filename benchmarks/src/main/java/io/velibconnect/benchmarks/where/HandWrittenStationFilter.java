package io.velibconnect.benchmarks.where;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;

/** The peer: the mission's filter written by hand in Java, as a user would without the expression SMT. */
final class HandWrittenStationFilter implements Transformation<SourceRecord> {

    @Override
    public SourceRecord apply(SourceRecord record) {
        Struct value = (Struct) record.value();
        String code = value.getString("stationCode");
        return "16107".equals(code) || "32017".equals(code) ? record : null;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}

package io.velibconnect.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The Connect adapters: configuration errors, tombstones, keys, per-record errors, the predicate. */
class ExpressionTransformsTest {

    private static final Schema NAMED = SchemaBuilder.struct().name("named")
            .field("name", Schema.STRING_SCHEMA).field("n", Schema.OPTIONAL_INT32_SCHEMA).build();

    private static SourceRecord record(Schema keySchema, Object key, Object value) {
        Schema valueSchema = value instanceof Struct s ? s.schema() : null;
        return new SourceRecord(null, null, "t", 0, keySchema, key, valueSchema, value);
    }

    private static Where<SourceRecord> where(String condition) {
        Where<SourceRecord> where = new Where.Value<>();
        where.configure(Map.of("where", condition));
        return where;
    }

    @Test
    void badExpressionsAreConfigExceptionsWithThePosition() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> where("stationCode IN ('16107', '32017'"));
        assertTrue(e.getMessage().contains("expected ')' at 1:33 (found end of input)\n"
                + "stationCode IN ('16107', '32017'\n                                ^"), e.getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> where("'a' > 3")).getMessage()
                .contains("cannot compare STRING 'a' with BIGINT 3 at 1:5"));
        assertTrue(assertThrows(ConfigException.class, () -> where("UPPER(name)")).getMessage()
                .contains("a condition must be BOOLEAN, this expression is STRING at 1:1"));
        assertThrows(ConfigException.class, () -> where(""));
        assertThrows(ConfigException.class, () -> new Where.Value<SourceRecord>().configure(Map.of()));
        Select<SourceRecord> select = new Select.Value<>();
        assertTrue(assertThrows(ConfigException.class, () -> select.configure(Map.of("select", "a, b +")))
                .getMessage().contains("expected an expression at 1:7"));
        ExpressionPredicate<SourceRecord> predicate = new ExpressionPredicate<>();
        assertThrows(ConfigException.class, () -> predicate.configure(Map.of("expression", "n >")));
        StationCodeFilter<SourceRecord> filter = new StationCodeFilter.Value<>();
        assertThrows(ConfigException.class, () -> filter.configure(Map.of("station.codes", "")));
    }

    @Test
    void oversizedExpressionsAreRefusedAtConfigurationNamingTheLimit() {
        String codes = "stationCode IN (" + "'16107', ".repeat(12_000) + "'32017')";
        String tooLong = assertThrows(ConfigException.class, () -> where(codes)).getMessage();
        assertTrue(tooLong.contains("expression too long: 108024 characters, over the limit of 100000"), tooLong);
        String items = "n IN (" + "1,".repeat(10_000) + "2)";
        String tooMany = assertThrows(ConfigException.class, () -> where(items)).getMessage();
        assertTrue(tooMany.contains("IN list too long: over the limit of 10000 items at 1:20007"), tooMany);
        String wide = String.join(" OR ", Collections.nCopies(4, "n IN (" + "1,".repeat(5_000) + "2)"));
        String tooLarge = assertThrows(ConfigException.class, () -> new Select.Value<SourceRecord>()
                .configure(Map.of("select", "n, CONCAT(" + "s,".repeat(19_999) + "s)"))).getMessage();
        assertTrue(tooLarge.contains("expression too large: over the limit of 20000"), tooLarge);
        String validated = Where.CONFIG_DEF.validate(Map.of("where", wide)).get(0).errorMessages().get(0);
        assertTrue(validated.contains("expression too large: over the limit of 20000"), validated);
        where("stationCode IN (" + "'16107', ".repeat(1_500) + "'32017')");
    }

    @Test
    void overflowIsADataExceptionNamingTheFieldAndThePosition() {
        Schema counts = SchemaBuilder.struct().name("counts").field("n", Schema.INT64_SCHEMA).build();
        Where<SourceRecord> where = where("n > 0 AND n * 2 > 0");
        Struct huge = new Struct(counts).put("n", Long.MAX_VALUE / 2 + 1);
        DataException e = assertThrows(DataException.class, () -> where.apply(record(null, null, huge)));
        assertTrue(e.getMessage().startsWith("4611686018427387904 * 2 is out of the BIGINT range (-2^63 to 2^63-1)"
                + " at 1:13 in `(n * 2)` (field n)"), e.getMessage());
        assertSame(null, where.apply(record(null, null, new Struct(counts).put("n", -1L))));
    }

    @Test
    void validationReportsTheMessageOnTheSetting() {
        List<ConfigValue> values = Where.CONFIG_DEF.validate(Map.of("where", "a IN (1, 2"));
        List<String> errors = values.get(0).errorMessages();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("expected ')' at 1:11"), errors.get(0));
        assertTrue(Where.CONFIG_DEF.validate(Map.of("where", "a IN (1, 2)")).get(0).errorMessages().isEmpty());
    }

    @Test
    void typeErrorsProvenBySchemaAreDataExceptionsPerRecord() {
        Where<SourceRecord> where = where("name > 3");
        Struct value = new Struct(NAMED).put("name", "x");
        DataException e = assertThrows(DataException.class, () -> where.apply(record(null, null, value)));
        assertTrue(e.getMessage().startsWith("Expression cannot be evaluated on records of schema named: "
                + "cannot compare field name (STRING) with BIGINT 3 at 1:6"), e.getMessage());
        DataException schemaless = assertThrows(DataException.class,
                () -> where.apply(record(null, null, Map.of("name", "x"))));
        assertTrue(schemaless.getMessage().contains("(field name)"), schemaless.getMessage());
        assertSame(null, where.apply(record(null, null, Map.of("name", 2L))), "2 > 3 is FALSE: dropped");
    }

    @Test
    void tombstonesPassUnlessTheConditionReadsAField() {
        SourceRecord tombstone = record(Schema.STRING_SCHEMA, "16107", null);
        assertSame(tombstone, where("1 = 2").apply(tombstone));
        assertNull(where("name = 'x'").apply(tombstone), "fields of a tombstone are NULL; NULL is not TRUE");
        assertSame(tombstone, where("name IS NULL").apply(tombstone));
        Select<SourceRecord> select = new Select.Value<>();
        select.configure(Map.of("select", "name"));
        assertSame(tombstone, select.apply(tombstone));
    }

    @Test
    void threeValuedLogicDropsNullAndFalse() {
        Where<SourceRecord> where = where("n > 1");
        assertNull(where.apply(record(null, null, new Struct(NAMED).put("name", "a"))), "NULL > 1 is NULL");
        assertNull(where.apply(record(null, null, new Struct(NAMED).put("name", "a").put("n", 1))));
        assertTrue(where.apply(record(null, null, new Struct(NAMED).put("name", "a").put("n", 2))) != null);
        assertTrue(where("NOT (n > 1)").apply(record(null, null, new Struct(NAMED).put("name", "a"))) == null);
    }

    @Test
    void keyVariantsTestAndReshapeTheKey() {
        Where<SourceRecord> where = new Where.Key<>();
        where.configure(Map.of("where", "name LIKE 'a%'"));
        Struct key = new Struct(NAMED).put("name", "abc").put("n", 5);
        SourceRecord record = new SourceRecord(null, null, "t", 0, NAMED, key, Schema.STRING_SCHEMA, "v");
        assertSame(record, where.apply(record));
        Select<SourceRecord> select = new Select.Key<>();
        select.configure(Map.of("select", "UPPER(name) AS upper, n"));
        SourceRecord out = select.apply(record);
        assertEquals("ABC", ((Struct) out.key()).getString("upper"));
        assertEquals(5, ((Struct) out.key()).getInt32("n"));
        assertEquals("v", out.value());
        assertEquals(Schema.STRING_SCHEMA, out.valueSchema());
    }

    @Test
    void selectRejectsCollisionsAndNonRecords() {
        Select<SourceRecord> select = new Select.Value<>();
        select.configure(Map.of("select", "*, n + 1 AS name"));
        DataException e = assertThrows(DataException.class,
                () -> select.apply(record(null, null, new Struct(NAMED).put("name", "a"))));
        assertTrue(e.getMessage().contains("column name is selected twice"), e.getMessage());
        assertThrows(DataException.class, () -> select.apply(record(null, null, Map.of("name", "a"))));
        Select<SourceRecord> plain = new Select.Value<>();
        plain.configure(Map.of("select", "name"));
        assertThrows(DataException.class, () -> plain.apply(record(null, null, "just a string")));
    }

    @Test
    void selectMakesFieldsInsideOptionalStructsOptional() {
        Schema inner = SchemaBuilder.struct().optional().field("zip", Schema.INT32_SCHEMA).build();
        Schema outer = SchemaBuilder.struct().field("address", inner).build();
        Select<SourceRecord> select = new Select.Value<>();
        select.configure(Map.of("select", "address.zip, address"));
        SourceRecord out = select.apply(record(null, null, new Struct(outer)));
        assertEquals(Schema.OPTIONAL_INT32_SCHEMA, out.valueSchema().field("zip").schema());
        assertEquals(inner, out.valueSchema().field("address").schema());
        assertNull(((Struct) out.value()).get("zip"));
    }

    @Test
    void predicateAppliesAnyTransformConditionally() {
        ExpressionPredicate<SourceRecord> predicate = new ExpressionPredicate<>();
        predicate.configure(Map.of("expression", "n >= 10"));
        assertTrue(predicate.test(record(null, null, new Struct(NAMED).put("name", "a").put("n", 10))));
        assertFalse(predicate.test(record(null, null, new Struct(NAMED).put("name", "a").put("n", 9))));
        assertFalse(predicate.test(record(null, null, new Struct(NAMED).put("name", "a"))));
        assertFalse(predicate.test(record(null, null, null)), "a tombstone's n is NULL");
        assertTrue(predicate.test(record(null, null, Map.of("n", 12L))));
    }

    @Test
    void compiledOncePerSchemaAndStillCorrectForAnEqualSchemaObject() {
        Where<SourceRecord> where = where("n = 1");
        Schema copy = SchemaBuilder.struct().name("named")
                .field("name", Schema.STRING_SCHEMA).field("n", Schema.OPTIONAL_INT32_SCHEMA).build();
        assertTrue(where.apply(record(null, null, new Struct(NAMED).put("name", "a").put("n", 1))) != null);
        assertTrue(where.apply(record(null, null, new Struct(copy).put("name", "a").put("n", 1))) != null);
        Schema other = SchemaBuilder.struct().field("n", Schema.INT64_SCHEMA).build();
        assertTrue(where.apply(record(null, null, new Struct(other).put("n", 1L))) != null);
        assertNull(where.apply(record(null, null, new Struct(other).put("n", 2L))));
    }
}

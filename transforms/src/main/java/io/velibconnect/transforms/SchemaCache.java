package io.velibconnect.transforms;

import java.util.function.Function;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.data.Schema;

/**
 * What an expression compiles to, per input schema, computed once. A record almost always has the same schema
 * object as the one before, so that is checked by identity first: the LRU behind it hashes a whole schema, which
 * would cost more than evaluating a simple WHERE. Records without a schema share one entry.
 */
final class SchemaCache<T> {

    private record Last<T>(Schema schema, T value) {
    }

    private final Function<Schema, T> compile;
    private final Cache<Schema, T> cache = new SynchronizedCache<>(new LRUCache<>(16));
    private volatile Last<T> last;
    private volatile T schemaless;

    SchemaCache(Function<Schema, T> compile) {
        this.compile = compile;
    }

    T get(Schema schema) {
        if (schema == null) {
            T value = schemaless;
            if (value == null) {
                value = compile.apply(null);
                schemaless = value;
            }
            return value;
        }
        Last<T> seen = last;
        if (seen != null && seen.schema() == schema) {
            return seen.value();
        }
        T value = cache.get(schema);
        if (value == null) {
            value = compile.apply(schema);
            cache.put(schema, value);
        }
        last = new Last<>(schema, value);
        return value;
    }
}

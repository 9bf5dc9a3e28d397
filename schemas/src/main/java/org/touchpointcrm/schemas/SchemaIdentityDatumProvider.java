package org.touchpointcrm.schemas;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;

/**
 * Apicurio's datum provider, with its writers and readers cached by schema instead of by schema
 * fingerprint. The default computes the Parsing Canonical Form and its CRC-64 for every record just
 * to find its cached writer: measured at 42 % of segmentation-streams' stream thread, because the
 * profile's schema is large and each touchpoint is (de)serialized about six times (see
 * docs/benchmarks.md). A generated class hands over the same {@code SCHEMA$} instance every time,
 * and Avro's {@link Schema} caches its hash code and compares by identity first, so a lookup here
 * costs a map probe. The set of schemas is the project's own, so the cache stays small.
 */
public class SchemaIdentityDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final Map<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        DatumWriter<T> writer = writers.get(schema);
        if (writer == null) {
            writer = super.createDatumWriter(data, schema);
            writers.putIfAbsent(schema, writer);
        }
        return writer;
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        return readers.computeIfAbsent(schema, super::createDatumReader);
    }
}

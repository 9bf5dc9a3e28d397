package org.touchpointcrm.rules;

import dev.cel.common.exceptions.CelAttributeNotFoundException;
import dev.cel.common.types.CelType;
import dev.cel.common.values.StructValue;
import java.util.Optional;
import org.apache.avro.generic.IndexedRecord;

/**
 * An Avro record as a CEL struct, converted lazily: a field is converted the first time a rule reads
 * it and kept for the other rules evaluated over the same {@link ProfileFacts}. A field that is null
 * in Avro is "not set": {@code has()} answers false and reading it is an evaluation error; a nested
 * record that is not set reads as an empty record, so {@code has(profile.master.region)} is simply
 * false for a customer without master data.
 */
@SuppressWarnings("Immutable") // the cache fills once per field; one instance is read by one thread
final class AvroStructValue extends StructValue<String, IndexedRecord> {

    private static final Object UNSET = new Object();

    private final RecordLayout layout;
    private final IndexedRecord record; // null: an unset nested record, all of whose fields are unset
    private final AvroStructValue parent;
    private final String name;
    private final Object[] cache;

    AvroStructValue(RecordLayout layout, IndexedRecord record, AvroStructValue parent, String name) {
        this.layout = layout;
        this.record = record;
        this.parent = parent;
        this.name = name;
        this.cache = new Object[layout.size()];
    }

    @Override
    public IndexedRecord value() {
        return record;
    }

    @Override
    public boolean isZeroValue() {
        return record == null;
    }

    @Override
    public CelType celType() {
        return layout.celType();
    }

    @Override
    public Object select(String field) {
        int slot = layout.slot(field);
        if (slot < 0) {
            throw CelAttributeNotFoundException.forFieldResolution(field);
        }
        Object value = valueAt(slot);
        if (value != UNSET) {
            return value;
        }
        RecordLayout nested = layout.nested(slot);
        if (nested != null) {
            return new AvroStructValue(nested, null, this, field);
        }
        throw CelAttributeNotFoundException.of(path() + "." + field + " is not set (guard it with has())");
    }

    @Override
    public Optional<Object> find(String field) {
        int slot = layout.slot(field);
        if (slot < 0) {
            return Optional.empty();
        }
        Object value = valueAt(slot);
        return value == UNSET ? Optional.empty() : Optional.of(value);
    }

    private Object valueAt(int slot) {
        Object cached = cache[slot];
        if (cached != null) {
            return cached;
        }
        Object raw = record == null ? null : layout.raw(record, slot);
        Object converted;
        if (raw == null) {
            converted = UNSET;
        } else if (layout.nested(slot) != null) {
            converted = new AvroStructValue(layout.nested(slot), (IndexedRecord) raw, this, layout.fieldName(slot));
        } else {
            converted = layout.convert(slot, raw);
        }
        cache[slot] = converted;
        return converted;
    }

    private String path() {
        return parent == null ? name : parent.path() + "." + name;
    }
}

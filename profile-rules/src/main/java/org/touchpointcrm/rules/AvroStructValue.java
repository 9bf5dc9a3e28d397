package org.touchpointcrm.rules;

import dev.cel.common.exceptions.CelAttributeNotFoundException;
import dev.cel.common.values.SelectableValue;
import java.util.Optional;
import org.apache.avro.generic.IndexedRecord;

/**
 * An Avro record as a CEL struct, converted lazily: a field is converted the first time a rule reads
 * it and kept for the other rules evaluated over the same {@link ProfileFacts}. A field that is null
 * in Avro is "not set": {@code has()} answers false and reading it is an evaluation error; a nested
 * record that is not set reads as an empty record, so {@code has(profile.master.region)} is simply
 * false for a customer without master data.
 *
 * <p>It implements {@link SelectableValue} (what the planner's field selection and presence tests ask
 * for) but deliberately not {@code CelValue}/{@code StructValue}: cel-java's value converter unwraps
 * every {@code CelValue} inside a map or list to its Java value, which would hand the raw Avro record to
 * the next field selection ({@code profile.contactsByChannel["POS"].count} would fail) and copy every
 * map on every read.
 */
final class AvroStructValue implements SelectableValue<String> {

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

    /** The Avro record, or null for a nested record that is not set. */
    IndexedRecord record() {
        return record;
    }

    @Override
    public String toString() {
        return layout.shortName() + (record == null ? "{}" : record.toString());
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

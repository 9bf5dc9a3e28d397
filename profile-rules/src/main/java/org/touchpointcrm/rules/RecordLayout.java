package org.touchpointcrm.rules;

import dev.cel.common.types.StructType;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.avro.generic.IndexedRecord;

/**
 * How one Avro record type is shown to rules: its CEL struct type and, per visible field, where the
 * value sits in the record and how it is converted. Computed once from the schema.
 */
final class RecordLayout {

    private final StructType celType;
    private final Map<String, Integer> slots;
    private final int[] positions;
    private final UnaryOperator<Object>[] converters;
    private final RecordLayout[] nested;
    private final String[] names;

    RecordLayout(StructType celType, Map<String, Integer> slots, int[] positions,
                 UnaryOperator<Object>[] converters, RecordLayout[] nested, String[] names) {
        this.celType = celType;
        this.slots = slots;
        this.positions = positions;
        this.converters = converters;
        this.nested = nested;
        this.names = names;
    }

    StructType celType() {
        return celType;
    }

    /** The slot of a visible field, or -1. */
    int slot(String field) {
        Integer slot = slots.get(field);
        return slot == null ? -1 : slot;
    }

    int size() {
        return positions.length;
    }

    String fieldName(int slot) {
        return names[slot];
    }

    /** The layout of a record-typed field, or null when the field is no record. */
    RecordLayout nested(int slot) {
        return nested[slot];
    }

    Object raw(IndexedRecord record, int slot) {
        return record.get(positions[slot]);
    }

    Object convert(int slot, Object raw) {
        return converters[slot].apply(raw);
    }

    /** A record inside a map or list: shown without the path that led to it. */
    Object wrapDetached(Object record) {
        return new AvroStructValue(this, (IndexedRecord) record, null, shortName());
    }

    String shortName() {
        String name = celType.name();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}

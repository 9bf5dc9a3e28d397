package org.touchpointcrm.notifier.templates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.rules.ProfilePaths;

/**
 * The profile as a template sees it: nested maps of the fields {@link ProfilePaths} lists, so templates
 * read exactly what they were checked against, and no bookkeeping field or Java method is reachable.
 * Unset values are left out (they render empty); timestamps print as ISO-8601, enums as their symbol,
 * amounts as plain decimals.
 */
final class ProfileModel {

    private ProfileModel() {
    }

    /** {@code {"profile": {...}}}, the context every template is rendered in. */
    static Map<String, Object> of(CustomerProfile profile) {
        return Map.of(ProfilePaths.ROOT, record(profile, ProfilePaths.ROOT));
    }

    private static Map<String, Object> record(IndexedRecord record, String path) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            String fieldPath = path == null ? null : path + "." + field.name();
            if (fieldPath != null && ProfilePaths.instance().find(fieldPath).isEmpty()) {
                continue;
            }
            Object value = value(record.get(field.pos()), fieldPath);
            if (value != null) {
                fields.put(field.name(), value);
            }
        }
        return fields;
    }

    /** @param path the value's profile path; null inside a list or map, whose elements show all their fields */
    private static Object value(Object value, String path) {
        if (value instanceof IndexedRecord nested) {
            return record(nested, path);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(value(item, null)));
            return items;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            map.forEach((key, item) -> entries.put(key.toString(), value(item, null)));
            return entries;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        // Booleans stay booleans so that a section over one is a condition; numbers print as they are.
        return value == null || value instanceof Boolean || value instanceof Number ? value : value.toString();
    }
}

package org.touchpointcrm.segmentation.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.touchpointcrm.avro.CustomerProfile;

/**
 * The JSON shape of a profile in the REST API: the Avro record field by field, in schema order, so
 * the API and crm.customer-profiles never drift apart. Times are ISO-8601, amounts decimal numbers,
 * enums their names.
 */
public final class ProfileView {

    private ProfileView() {
    }

    public static Map<String, Object> of(CustomerProfile profile) {
        return record(profile);
    }

    private static Map<String, Object> record(IndexedRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            json.put(field.name(), value(record.get(field.pos())));
        }
        return json;
    }

    private static Object value(Object value) {
        return switch (value) {
            case null -> null;
            case IndexedRecord nested -> record(nested);
            case Map<?, ?> map -> {
                Map<String, Object> json = new LinkedHashMap<>();
                map.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
                        .forEach(e -> json.put(e.getKey().toString(), value(e.getValue())));
                yield json;
            }
            case List<?> list -> {
                List<Object> json = new ArrayList<>(list.size());
                list.forEach(item -> json.add(value(item)));
                yield json;
            }
            case Enum<?> symbol -> symbol.name();
            case GenericEnumSymbol<?> symbol -> symbol.toString();
            case CharSequence text -> text.toString();
            case Instant instant -> instant.toString();
            case LocalDate day -> day.toString();
            case BigDecimal amount -> amount;
            default -> value;
        };
    }
}

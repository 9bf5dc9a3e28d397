package org.touchpointcrm.rules;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.touchpointcrm.avro.CustomerProfile;

/**
 * The rule language's view of the customer profile, derived from the Avro schema of
 * {@link CustomerProfile} rather than written by hand, so that rules and schema cannot drift apart:
 * a field added to the profile is visible to rules with the next build, a field renamed makes the
 * rules that read it fail to compile.
 *
 * <p>Mapping: records are CEL structs named by their Avro full name, maps are {@code map(string, X)},
 * arrays are {@code list(X)}, int and long are {@code int}, decimals are {@code double},
 * {@code timestamp-millis} is {@code timestamp}, enums are their symbol as a {@code string}, and a
 * nullable union is its non-null branch, absent meaning "not set" (so {@code has()} tells).
 * Bookkeeping fields that only the profile updater needs are hidden.
 */
final class ProfileSchema {

    /** Fields of {@link CustomerProfile} that exist for the profile updater's bookkeeping only. */
    static final Set<String> HIDDEN_PROFILE_FIELDS =
            Set.of("purchaseDays", "lastPurchaseDayBeforeWindow", "seenEmail", "seenPhone");

    private static final ProfileSchema INSTANCE = new ProfileSchema(CustomerProfile.getClassSchema());

    private final Map<String, RecordLayout> layouts = new LinkedHashMap<>();
    private final RecordLayout profile;
    private final CelTypeProvider typeProvider;

    static ProfileSchema instance() {
        return INSTANCE;
    }

    private ProfileSchema(Schema profileSchema) {
        this.profile = layoutOf(profileSchema, HIDDEN_PROFILE_FIELDS);
        Map<String, CelType> types = new LinkedHashMap<>();
        layouts.values().forEach(layout -> types.put(layout.celType().name(), layout.celType()));
        this.typeProvider = new AvroTypeProvider(ImmutableMap.copyOf(types));
    }

    RecordLayout profile() {
        return profile;
    }

    StructType profileType() {
        return profile.celType();
    }

    CelTypeProvider typeProvider() {
        return typeProvider;
    }

    /** The layout of a struct type by its CEL name (the Avro full name), if rules can see it. */
    Optional<RecordLayout> layout(String typeName) {
        return Optional.ofNullable(layouts.get(typeName));
    }

    Collection<RecordLayout> layouts() {
        return Collections.unmodifiableCollection(layouts.values());
    }

    private RecordLayout layoutOf(Schema record, Set<String> hidden) {
        RecordLayout known = layouts.get(record.getFullName());
        if (known != null) {
            return known;
        }
        List<Schema.Field> visible = record.getFields().stream().filter(f -> !hidden.contains(f.name())).toList();
        Map<String, CelType> fieldTypes = new LinkedHashMap<>();
        Map<String, Integer> slots = new HashMap<>();
        int[] positions = new int[visible.size()];
        @SuppressWarnings("unchecked")
        UnaryOperator<Object>[] converters = new UnaryOperator[visible.size()];
        RecordLayout[] nested = new RecordLayout[visible.size()];
        String[] names = new String[visible.size()];
        StructType type = StructType.create(
                record.getFullName(),
                visible.stream().map(Schema.Field::name).collect(ImmutableSet.toImmutableSet()),
                name -> Optional.ofNullable(fieldTypes.get(name)));
        RecordLayout layout = new RecordLayout(type, slots, positions, converters, nested, names);
        layouts.put(record.getFullName(), layout); // before the fields: a record may refer to itself
        for (int slot = 0; slot < visible.size(); slot++) {
            Schema.Field field = visible.get(slot);
            Schema schema = nonNull(field.schema(), record.getFullName() + "." + field.name());
            Mapping mapping = map(schema, record.getFullName() + "." + field.name());
            fieldTypes.put(field.name(), mapping.type());
            slots.put(field.name(), slot);
            positions[slot] = field.pos();
            converters[slot] = mapping.converter();
            nested[slot] = schema.getType() == Schema.Type.RECORD ? layoutOf(schema, Set.of()) : null;
            names[slot] = field.name();
        }
        return layout;
    }

    private record Mapping(CelType type, UnaryOperator<Object> converter) {}

    private Mapping map(Schema schema, String where) {
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case RECORD -> {
                RecordLayout nested = layoutOf(schema, Set.of());
                return new Mapping(nested.celType(), nested::wrapDetached);
            }
            case MAP -> {
                Mapping values = map(nonNull(schema.getValueType(), where + "{}"), where + "{}");
                return new Mapping(MapType.create(SimpleType.STRING, values.type()), v -> convertMap(v, values.converter()));
            }
            case ARRAY -> {
                Mapping items = map(nonNull(schema.getElementType(), where + "[]"), where + "[]");
                return new Mapping(ListType.create(items.type()), v -> convertList(v, items.converter()));
            }
            case STRING, ENUM -> {
                return new Mapping(SimpleType.STRING, Object::toString);
            }
            case BOOLEAN -> {
                return new Mapping(SimpleType.BOOL, v -> v);
            }
            case DOUBLE, FLOAT -> {
                return new Mapping(SimpleType.DOUBLE, v -> ((Number) v).doubleValue());
            }
            case INT, LONG -> {
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return new Mapping(SimpleType.TIMESTAMP,
                            v -> v instanceof Instant ? v : Instant.ofEpochMilli(((Number) v).longValue()));
                }
                if (logical instanceof LogicalTypes.TimestampMicros) {
                    return new Mapping(SimpleType.TIMESTAMP, v -> v instanceof Instant ? v
                            : Instant.EPOCH.plusNanos(Math.multiplyExact(((Number) v).longValue(), 1_000L)));
                }
                if (logical instanceof LogicalTypes.Date) {
                    return new Mapping(SimpleType.TIMESTAMP, v -> v instanceof LocalDate date
                            ? date.atStartOfDay(ZoneOffset.UTC).toInstant()
                            : LocalDate.ofEpochDay(((Number) v).longValue()).atStartOfDay(ZoneOffset.UTC).toInstant());
                }
                return new Mapping(SimpleType.INT, v -> ((Number) v).longValue());
            }
            case BYTES, FIXED -> {
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    int scale = decimal.getScale();
                    return new Mapping(SimpleType.DOUBLE, v -> decimalToDouble(v, scale));
                }
                return new Mapping(SimpleType.BYTES, v -> v);
            }
            default -> throw new IllegalArgumentException(
                    "The profile schema has a type the rule language cannot show: " + schema.getType() + " at " + where);
        }
    }

    /** The non-null branch of a nullable union, or the schema itself. */
    static Schema nonNull(Schema schema, String where) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> branches = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        if (branches.size() != 1) {
            throw new IllegalArgumentException(
                    "The rule language shows only nullable unions ([\"null\", T]); " + where + " is " + schema);
        }
        return branches.getFirst();
    }

    private static double decimalToDouble(Object value, int scale) {
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return new BigDecimal(new BigInteger(bytes), scale).doubleValue();
        }
        throw new IllegalArgumentException("not a decimal: " + value.getClass().getName());
    }

    private static Object convertMap(Object value, UnaryOperator<Object> valueConverter) {
        Map<?, ?> map = (Map<?, ?>) value;
        if (map.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> converted = HashMap.newHashMap(map.size());
        map.forEach((k, v) -> {
            if (v != null) {
                converted.put(k.toString(), valueConverter.apply(v));
            }
        });
        return Collections.unmodifiableMap(converted);
    }

    private static Object convertList(Object value, UnaryOperator<Object> itemConverter) {
        List<?> list = (List<?>) value;
        if (list.isEmpty()) {
            return List.of();
        }
        List<Object> converted = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item != null) {
                converted.add(itemConverter.apply(item));
            }
        }
        return Collections.unmodifiableList(converted);
    }

    /** The CEL struct types of the profile and its parts; nothing else. */
    private record AvroTypeProvider(ImmutableMap<String, CelType> types_) implements CelTypeProvider {
        @Override
        public ImmutableCollection<CelType> types() {
            return types_.values();
        }

        @Override
        public Optional<CelType> findType(String typeName) {
            return Optional.ofNullable(types_.get(typeName));
        }
    }
}

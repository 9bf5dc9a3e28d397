package org.touchpointcrm.crmctl.deadletters;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A decoded Avro value as plain JSON for people to read: timestamps as ISO instants, decimals as numbers,
 * a union as its value (Avro's own JSON encoding wraps unions and spells decimals as raw bytes).
 */
final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    static JsonNode toJson(Object datum, Schema schema) {
        if (datum == null) {
            return NODES.nullNode();
        }
        return switch (schema.getType()) {
            case UNION -> toJson(datum, schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)));
            case RECORD -> record((GenericRecord) datum);
            case ARRAY -> array((Collection<?>) datum, schema.getElementType());
            case MAP -> map((Map<?, ?>) datum, schema.getValueType());
            case LONG -> timestamp(schema.getLogicalType(), (Long) datum);
            case INT -> NODES.numberNode((Integer) datum);
            case FLOAT -> NODES.numberNode((Float) datum);
            case DOUBLE -> NODES.numberNode((Double) datum);
            case BOOLEAN -> NODES.booleanNode((Boolean) datum);
            case BYTES -> bytes(schema.getLogicalType(), toArray((ByteBuffer) datum));
            case FIXED -> bytes(schema.getLogicalType(), ((GenericFixed) datum).bytes());
            default -> NODES.stringNode(datum.toString());
        };
    }

    private static ObjectNode record(GenericRecord record) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), toJson(record.get(field.pos()), field.schema()));
        }
        return node;
    }

    private static ArrayNode array(Collection<?> items, Schema itemSchema) {
        ArrayNode node = NODES.arrayNode();
        items.forEach(item -> node.add(toJson(item, itemSchema)));
        return node;
    }

    private static ObjectNode map(Map<?, ?> entries, Schema valueSchema) {
        ObjectNode node = NODES.objectNode();
        entries.forEach((key, value) -> node.set(key.toString(), toJson(value, valueSchema)));
        return node;
    }

    private static JsonNode timestamp(LogicalType type, long value) {
        if (type instanceof LogicalTypes.TimestampMillis) {
            return NODES.stringNode(Instant.ofEpochMilli(value).toString());
        }
        if (type instanceof LogicalTypes.TimestampMicros) {
            return NODES.stringNode(Instant.EPOCH.plusNanos(value * 1000).toString());
        }
        return NODES.numberNode(value);
    }

    private static JsonNode bytes(LogicalType type, byte[] bytes) {
        if (type instanceof LogicalTypes.Decimal decimal) {
            return NODES.numberNode(new BigDecimal(new BigInteger(bytes), decimal.getScale()));
        }
        return NODES.stringNode("0x" + HexDump.hex(bytes));
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}

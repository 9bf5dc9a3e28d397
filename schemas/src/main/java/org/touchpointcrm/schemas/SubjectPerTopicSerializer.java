package org.touchpointcrm.schemas;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/**
 * Apicurio's Avro serializer with one instance per topic. Apicurio's resolver caches a schema by its content: one
 * serializer that writes the same record type to several topics registers the first topic's subject, then finds the
 * schema in its cache for the others and never registers {@code crm.touchpoints.web-value} and the rest, which
 * Confluent-style tools look up by subject ("subject not found"). One serializer per topic registers (or, with
 * auto-registration off, finds) each topic's own subject on its first write; after that a record costs a map probe.
 */
public final class SubjectPerTopicSerializer<T> implements Serializer<T> {

    private final Map<String, AvroKafkaSerializer<T>> byTopic = new ConcurrentHashMap<>();
    private Map<String, ?> configs = Map.of();
    private boolean isKey;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.configs = Collections.unmodifiableMap(new HashMap<>(configs));
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return forTopic(topic).serialize(topic, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        return forTopic(topic).serialize(topic, headers, data);
    }

    private AvroKafkaSerializer<T> forTopic(String topic) {
        AvroKafkaSerializer<T> serializer = byTopic.get(topic);
        if (serializer == null) {
            serializer = byTopic.computeIfAbsent(topic, name -> {
                var created = new AvroKafkaSerializer<T>();
                created.configure(configs, isKey);
                return created;
            });
        }
        return serializer;
    }

    @Override
    public void close() {
        byTopic.values().forEach(AvroKafkaSerializer::close);
        byTopic.clear();
    }
}

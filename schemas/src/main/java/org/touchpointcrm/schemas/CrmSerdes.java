package org.touchpointcrm.schemas;

import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.data.SerdeRecord;
import io.apicurio.registry.serde.kafka.data.KafkaSerdeMetadata;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;

/**
 * The one place serdes are made. Values are Avro in Confluent's wire format (magic byte 0, 4-byte
 * schema id, Avro binary) with schemas in the registry under {@code <topic>-value}; keys are strings.
 * Loading this class caps the lengths a record may declare ({@link AvroLimits}).
 */
public final class CrmSerdes {

    /** Apicurio's own API, which its serde speaks; Confluent clients use {@link #CCOMPAT_PATH}. */
    public static final String REGISTRY_API_PATH = "/apis/registry/v3";
    /** The Confluent-compatible API of the same registry. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    static {
        // Before any record is read: a declared length must not allocate more than a record can hold.
        AvroLimits.apply();
    }

    private final Map<String, Object> registryConfig;

    private CrmSerdes(Map<String, Object> registryConfig) {
        this.registryConfig = registryConfig;
    }

    /**
     * Serdes that register and look up schemas in the registry at {@code registryBase}
     * (scheme, host and port, e.g. {@code http://127.0.0.1:8081}).
     */
    public static CrmSerdes withRegistry(URI registryBase) {
        return withRegistry(RegistryConnection.of(Objects.requireNonNull(registryBase, "registryBase")));
    }

    /** Serdes that reach the registry as {@code registry} says: credentials, TLS, and whether producers register. */
    public static CrmSerdes withRegistry(RegistryConnection registry) {
        String base = registry.baseUrl().toString().replaceAll("/+$", "");
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaResolverConfig.REGISTRY_URL, base + REGISTRY_API_PATH);
        // Producers register the schema they write (the registry enforces compatibility), unless production has them
        // registered beforehand: then a producer only finds its schema by content, and one not registered fails.
        config.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, registry.autoRegister());
        registry.username().ifPresent(user -> config.put(SchemaResolverConfig.AUTH_USERNAME, user));
        registry.password().ifPresent(password -> config.put(SchemaResolverConfig.AUTH_PASSWORD, password));
        registry.truststore().ifPresent(store -> {
            config.put(SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION, store.toString());
            config.put(SchemaResolverConfig.TLS_TRUSTSTORE_TYPE, registry.truststoreType());
            registry.truststorePassword().ifPresent(p -> config.put(SchemaResolverConfig.TLS_TRUSTSTORE_PASSWORD, p));
        });
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        // Confluent's wire format, spelled out although these are Apicurio 3's defaults:
        // no schema headers, a 4-byte id after the magic byte, and that id is the content id.
        config.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        config.put(SerdeConfig.ID_HANDLER, Default4ByteIdHandler.class.getName());
        config.put(SerdeConfig.USE_ID, "contentId");
        // Register one self-contained writer schema per subject, as Confluent's serializer does,
        // instead of splitting named types into referenced subjects that some tools cannot follow.
        config.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, true);
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaIdentityDatumProvider.class.getName());
        return new CrmSerdes(Map.copyOf(config));
    }

    /** Serdes without a registry (plain Avro binary), for topology tests with TopologyTestDriver. */
    public static CrmSerdes withoutRegistry() {
        return new CrmSerdes(null);
    }

    public <K> Serde<K> key(Topic<K, ?> topic) {
        if (topic.keyType() != String.class) {
            throw new IllegalArgumentException("topic " + topic.name() + " has key type " + topic.keyType()
                    + "; only String keys are supported");
        }
        @SuppressWarnings("unchecked")
        Serde<K> serde = (Serde<K>) Serdes.String();
        return serde;
    }

    public <V> Serde<V> value(Topic<?, V> topic) {
        return avro(topic.valueType());
    }

    /**
     * How a Streams source reads {@code topic}: its key and value serdes, the source node named
     * {@code read-<topic>} (a caller with another name says {@code .withName(...)}).
     */
    public <K, V> Consumed<K, V> consumed(Topic<K, V> topic) {
        return Consumed.with(key(topic), value(topic)).withName("read-" + topic.name());
    }

    /** How a Streams sink writes {@code topic}: its key and value serdes, the sink node named {@code write-<topic>}. */
    public <K, V> Produced<K, V> produced(Topic<K, V> topic) {
        return Produced.with(key(topic), value(topic)).withName("write-" + topic.name());
    }

    /** An Avro serde for a record type, configured like the topics' value serdes. */
    public <V> Serde<V> avro(Class<V> type) {
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " is not an Avro specific record");
        }
        if (registryConfig == null) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Serde<V> serde = new RegistrylessAvroSerde(type);
            return serde;
        }
        // The serializer keeps one resolver per topic, so every topic it writes gets its own subject.
        Serde<V> serde = Serdes.serdeFrom(new SubjectPerTopicSerializer<>(), new AvroKafkaDeserializer<>());
        serde.configure(registryConfig, false);
        return serde;
    }

    /**
     * Settings for a producer configured by properties: String keys, registry-backed Avro values, each topic's schema
     * under its own {@code <topic>-value} subject however many topics the producer writes.
     */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(registryConfig());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SubjectPerTopicSerializer.class);
        return config;
    }

    /** Settings for a consumer configured by properties: String keys, registry-backed Avro values. */
    public Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(registryConfig());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class);
        return config;
    }

    /**
     * Registers the value schema of each topic under its subject ({@code <topic>-value}) exactly as a producer with
     * auto-registration would (the same resolver, dereferenced, with the same content), so that producers with
     * auto-registration off find them; a schema already there is found, not registered twice. Topics whose values are
     * not Avro records (the dead letters' raw bytes) are left out.
     *
     * @return per subject, the schema's content id, which is the id in the records' wire format
     */
    public Map<String, Long> registerValueSchemas(Collection<? extends Topic<?, ?>> topics) {
        Map<String, Object> config = new HashMap<>(registryConfig());
        config.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
        Map<String, Long> ids = new LinkedHashMap<>();
        for (Topic<?, ?> topic : topics) {
            if (!SpecificRecord.class.isAssignableFrom(topic.valueType())) {
                continue;
            }
            try (var serializer = new AvroKafkaSerializer<Object>()) {
                serializer.configure(config, false);
                // The resolver reads only the record's schema, so an empty instance of the generated class does.
                Object empty = topic.valueType().getDeclaredConstructor().newInstance();
                var metadata = new KafkaSerdeMetadata(topic.name(), false, new RecordHeaders());
                ids.put(topic.name() + "-value",
                        serializer.getSchemaResolver().resolveSchema(new SerdeRecord<>(metadata, empty)).getContentId());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(topic.valueType().getName() + " has no public no-argument constructor", e);
            }
        }
        return ids;
    }

    /** The registry settings, for clients configured by properties (e.g. a plain KafkaProducer). */
    public Map<String, Object> registryConfig() {
        if (registryConfig == null) {
            throw new IllegalStateException("these serdes have no registry; use CrmSerdes.withRegistry(...)");
        }
        return registryConfig;
    }
}

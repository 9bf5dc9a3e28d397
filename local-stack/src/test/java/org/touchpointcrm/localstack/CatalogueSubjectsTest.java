package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

import tools.jackson.databind.json.JsonMapper;

/**
 * Confluent-style tools (Confluent's serializers with latest-version lookup, ksqlDB, kafka-ui) find a topic's schema
 * by its subject {@code <topic>-value}. One producer writing every catalogue topic, as ingest-service's does, leaves
 * each topic's subject in the registry, read through the Confluent-compatible API.
 */
class CatalogueSubjectsTest {

    private static final JsonMapper JSON = StackClient.JSON;

    @TempDir
    static Path directory;

    private static EmbeddedRegistry registry;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startRegistryAndBroker() throws Exception {
        Path home = Path.of(System.getProperty(EmbeddedRegistry.HOME_PROPERTY, "target/apicurio-registry"));
        registry = EmbeddedRegistry.start(home, FreePort.pick(), FreePort.pick(), directory.resolve("registry.log"));
        broker = EmbeddedBroker.start(directory.resolve("kafka"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(Topics.ALL.stream().map(t -> new NewTopic(t.name(), 1, (short) 1)).toList())
                    .all().get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void oneProducerWritingEveryCatalogueTopicLeavesEachTopicsValueSubject() throws Exception {
        List<Topic<?, ?>> avroTopics = Topics.ALL.stream()
                .filter(topic -> SpecificRecord.class.isAssignableFrom(topic.valueType())).toList();
        Map<String, Object> config = new HashMap<>(CrmSerdes.withRegistry(registry.url()).producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (var producer = new KafkaProducer<String, Object>(config)) {
            for (Topic<?, ?> topic : avroTopics) {
                producer.send(new ProducerRecord<>(topic.name(), "k-1", minimalRecord(topic.valueType()))).get(30, TimeUnit.SECONDS);
            }
        }

        try (HttpClient http = HttpClient.newHttpClient()) {
            for (Topic<?, ?> topic : avroTopics) {
                var latest = http.send(HttpRequest.newBuilder(URI.create(registry.url() + CrmSerdes.CCOMPAT_PATH
                        + "/subjects/" + topic.name() + "-value/versions/latest")).GET().build(), HttpResponse.BodyHandlers.ofString());

                assertThat(latest.statusCode()).as(topic.name() + "-value: " + latest.body()).isEqualTo(200);
                Schema registered = new Schema.Parser().parse(JSON.readTree(latest.body()).get("schema").asString());
                assertThat(SchemaNormalization.parsingFingerprint64(registered)).as(topic.name())
                        .isEqualTo(SchemaNormalization.parsingFingerprint64(SpecificData.get().getSchema(topic.valueType())));
            }
        }
    }

    /** The smallest valid record of a generated type: nulls where allowed, zeros, empty lists, first enum symbols. */
    private static Object minimalRecord(Class<?> type) {
        SpecificData data = SpecificData.getForClass(type);
        return minimal(data, data.getSchema(type));
    }

    private static Object minimal(SpecificData data, Schema schema) {
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            return Instant.parse("2026-12-07T10:00:00Z");
        }
        if (schema.getLogicalType() instanceof LogicalTypes.Date) {
            return LocalDate.parse("2026-12-07");
        }
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            return BigDecimal.ZERO.setScale(decimal.getScale());
        }
        return switch (schema.getType()) {
            case RECORD -> {
                Object record = data.newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    data.setField(record, field.name(), field.pos(), minimal(data, field.schema()));
                }
                yield record;
            }
            case UNION -> schema.isNullable() ? null : minimal(data, schema.getTypes().getFirst());
            case ENUM -> data.createEnum(schema.getEnumSymbols().getFirst(), schema);
            case ARRAY -> List.of();
            case MAP -> Map.of();
            case STRING -> "x";
            case BYTES -> ByteBuffer.allocate(0);
            case FIXED -> data.createFixed(null, new byte[schema.getFixedSize()], schema);
            case INT -> 0;
            case LONG -> 0L;
            case FLOAT -> 0f;
            case DOUBLE -> 0d;
            case BOOLEAN -> false;
            case NULL -> null;
        };
    }
}

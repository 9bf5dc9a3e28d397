package org.touchpointcrm.ingest.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.ingest.IngestApplication;
import org.touchpointcrm.ingest.customers.CustomerImportIntegrationTest;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.MessageBuilder;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;

/**
 * Segment's own Java SDK ({@code com.segment.analytics.java:analytics}), pointed at ingest-service on localhost with
 * one of our API keys as its write key, sends a visitor's page view, identify, an order and an e-mail opened; each
 * call is on its channel's topic as a touchpoint whose eventId is the call's messageId. (The SDK sends its batches to
 * {@code /v1/import/}.) Values are plain Avro without the registry, as in {@link CustomerImportIntegrationTest}.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=ingest",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "crm.kafka.schema-registry-url=http://127.0.0.1:9",
                "crm.kafka.replication-factor=1",
                "crm.ingest.profile-query-api-key=segment-test-unused-key"})
@EmbeddedKafka(brokerProperties = {
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "log.cleaner.dedupe.buffer.size=8388608",
        "auto.create.topics.enable=false"})
@Import(CustomerImportIntegrationTest.RegistrylessValues.class)
class SegmentSdkIntegrationTest {

    static final String WRITE_KEY = "segment-sdk-test-write-key";

    @DynamicPropertySource
    static void writeKey(DynamicPropertyRegistry registry) {
        registry.add("crm.ingest.access.keys[0].name", () -> "web-shop");
        registry.add("crm.ingest.access.keys[0].sha256", () -> ApiKeys.sha256Hex(WRITE_KEY));
        registry.add("crm.ingest.access.keys[0].channels", () -> "WEB,EMAIL");
        registry.add("crm.ingest.access.keys[0].operations", () -> "TOUCHPOINTS_WRITE");
    }

    @LocalServerPort
    private int port;

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Test
    void segmentsJavaSdkSendsAVisitorsCallsAndEachIsStoredAsATouchpointUnderItsMessageId() {
        String anonymousId = "anon-" + UUID.randomUUID();
        Map<String, Message> succeeded = new ConcurrentHashMap<>();
        Map<String, Throwable> failed = new ConcurrentHashMap<>();
        Analytics analytics = Analytics.builder(WRITE_KEY)
                .endpoint("http://localhost:" + port)
                .flushQueueSize(10)
                .flushInterval(60, TimeUnit.SECONDS)
                .retries(1)
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        succeeded.put(message.messageId(), message);
                    }

                    @Override
                    public void failure(Message message, Throwable cause) {
                        failed.put(message.messageId(), cause);
                    }
                })
                .build();
        try {
            List<String> ids = Stream.generate(() -> UUID.randomUUID().toString()).limit(6).toList();
            List<MessageBuilder<?, ?>> calls = List.of(
                    PageMessage.builder("Winter boots").messageId(ids.get(0)).anonymousId(anonymousId)
                            .properties(Map.of("url", "https://shop.example.fi/talvikengat")),
                    IdentifyMessage.builder().messageId(ids.get(1)).anonymousId(anonymousId)
                            .traits(Map.of("email", "Aino.Virtanen@Example.FI")),
                    TrackMessage.builder("Order Completed").messageId(ids.get(2)).userId("c-9001").anonymousId(anonymousId)
                            .properties(Map.of("order_id", "o-1", "revenue", 89.80, "currency", "EUR",
                                    "products", List.of(Map.of("sku", "SKU-20011", "name", "Talvikenkä", "price", 44.90,
                                            "quantity", 2)))),
                    TrackMessage.builder("Email Opened").messageId(ids.get(3)).userId("c-9001"),
                    TrackMessage.builder("Wishlist Shared").messageId(ids.get(4)).anonymousId(anonymousId),
                    AliasMessage.builder(anonymousId).messageId(ids.get(5)).userId("c-9001"));
            calls.forEach(analytics::enqueue);
            analytics.flush();

            await().atMost(Duration.ofSeconds(30)).until(() -> succeeded.size() + failed.size() == calls.size());
            assertThat(failed).isEmpty();

            Map<String, TouchpointEvent> stored = awaitTouchpoints(calls.size(), Topics.TOUCHPOINTS_WEB, Topics.TOUCHPOINTS_EMAIL);
            assertThat(stored).containsOnlyKeys(ids);

            TouchpointEvent page = stored.get(ids.get(0));
            assertThat(page.getType()).isEqualTo(TouchpointType.WEB_VISIT);
            assertThat(page.getCustomer().getAnonymousId()).isEqualTo(anonymousId);
            assertThat(page.getAttributes()).containsEntry("url", "https://shop.example.fi/talvikengat")
                    .containsEntry("page", "Winter boots");
            assertThat(page.getSource()).isEqualTo("web-shop");

            TouchpointEvent identify = stored.get(ids.get(1));
            assertThat(identify.getCustomer().getEmail()).as("normalised once, at ingest").isEqualTo("Aino.Virtanen@example.fi");
            assertThat(identify.getCustomer().getAnonymousId()).isEqualTo(anonymousId);

            TouchpointEvent order = stored.get(ids.get(2));
            assertThat(order.getType()).isEqualTo(TouchpointType.PURCHASE);
            assertThat(order.getCustomer().getCustomerId()).isEqualTo("c-9001");
            assertThat(order.getAmount()).isEqualByComparingTo(new BigDecimal("89.80"));
            assertThat(order.getCurrency()).isEqualTo("EUR");
            assertThat(order.getLines()).singleElement().satisfies(line -> {
                assertThat(line.getSku()).isEqualTo("SKU-20011");
                assertThat(line.getQuantity()).isEqualTo(2);
            });

            TouchpointEvent opened = stored.get(ids.get(3));
            assertThat(opened.getChannel()).isEqualTo(Channel.EMAIL);
            assertThat(opened.getType()).isEqualTo(TouchpointType.MESSAGE_OPENED);

            TouchpointEvent other = stored.get(ids.get(4));
            assertThat(other.getType()).isEqualTo(TouchpointType.WEB_VISIT);
            assertThat(other.getAttributes()).containsEntry("event", "Wishlist Shared");

            TouchpointEvent alias = stored.get(ids.get(5));
            assertThat(alias.getCustomer().getCustomerId()).isEqualTo("c-9001");
            assertThat(alias.getCustomer().getAnonymousId()).as("the previous id").isEqualTo(anonymousId);
        } finally {
            analytics.shutdown();
        }
    }

    /** Reads the topics from the start until {@code count} touchpoints are there, by eventId. */
    @SafeVarargs
    private Map<String, TouchpointEvent> awaitTouchpoints(int count, Topic<String, TouchpointEvent>... topics) {
        var values = CrmSerdes.withoutRegistry().value(Topics.TOUCHPOINTS_WEB).deserializer();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, TouchpointEvent> events = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                (org.apache.kafka.common.serialization.Deserializer<byte[]>) (topic, data) -> data)) {
            List<TopicPartition> partitions = new ArrayList<>();
            Stream.of(topics).map(Topic::name).forEach(topic -> consumer.partitionsFor(topic)
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    TouchpointEvent event = values.deserialize(record.topic(), record.value());
                    events.put(event.getEventId(), event);
                });
                return events.size() >= count;
            });
        }
        return events;
    }
}

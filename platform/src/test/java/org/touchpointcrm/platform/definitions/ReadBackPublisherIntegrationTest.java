package org.touchpointcrm.platform.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStatus;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;

/**
 * A definition written to a real KRaft broker and read back by a consumer standing in for a service's
 * catalogue: the write returns once this very version is read back, says so when it is not, and names
 * the definition when the broker does not take it.
 */
@EmbeddedKafka(brokerProperties = "log.cleaner.dedupe.buffer.size=8388608")
class ReadBackPublisherIntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final CrmSerdes SERDES = CrmSerdes.withoutRegistry();

    /** The service's own exception for "not written". */
    static final class NotWritten extends RuntimeException {
        NotWritten(String why) {
            super(why);
        }
    }

    private static final ReadBackPublisher.Naming<SegmentDefinition> SEGMENTS = new ReadBackPublisher.Naming<>(
            "segment", SegmentDefinition::getId, SegmentDefinition::getVersion, NotWritten::new);

    private EmbeddedKafkaBroker broker;
    private final List<DefaultKafkaProducerFactory<String, SpecificRecord>> factories = new ArrayList<>();
    private final ExecutorService catalogueThread = Executors.newSingleThreadExecutor();
    private final AtomicBoolean stop = new AtomicBoolean();
    /** What the stand-in catalogue has read, in order. */
    private final List<SegmentDefinition> readBack = new CopyOnWriteArrayList<>();

    /** One topic for the class; each test writes ids of its own. */
    @BeforeAll
    static void topic() {
        EmbeddedKafkaCondition.getBroker().addTopicsWithResults(new NewTopic(Topics.SEGMENT_DEFINITIONS.name(), 1, (short) 1));
    }

    @BeforeEach
    void broker() {
        broker = EmbeddedKafkaCondition.getBroker();
    }

    @AfterEach
    void stopEverything() throws Exception {
        stop.set(true);
        catalogueThread.shutdown();
        assertThat(catalogueThread.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        factories.forEach(DefaultKafkaProducerFactory::destroy);
    }

    @Test
    void aWriteReturnsVisibleOnceThisVersionIsReadBack() {
        var publisher = new ReadBackPublisher<>(template(broker.getBrokersAsString()), Topics.SEGMENT_DEFINITIONS, SEGMENTS);
        readBackInto(publisher);
        SegmentDefinition lapsing = definition("lapsing-" + System.nanoTime(), 1);

        boolean visible = publisher.publish(lapsing, WITHIN);

        assertThat(visible).isTrue();
        assertThat(readBack).contains(lapsing);
    }

    @Test
    void aWriteNobodyReadsBackIsStoredButNotVisible() {
        var publisher = new ReadBackPublisher<>(template(broker.getBrokersAsString()), Topics.SEGMENT_DEFINITIONS, SEGMENTS);
        SegmentDefinition lapsing = definition("unread-" + System.nanoTime(), 2);

        boolean visible = publisher.publish(lapsing, Duration.ZERO);

        assertThat(visible).as("nothing read it back here").isFalse();
        readBackInto(null);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(readBack).contains(lapsing));
    }

    @Test
    void anOlderVersionReadBackDoesNotEndTheWaitForTheNewOne() {
        var publisher = new ReadBackPublisher<>(template(broker.getBrokersAsString()), Topics.SEGMENT_DEFINITIONS, SEGMENTS);
        String id = "versioned-" + System.nanoTime();
        publisher.readBack(definition(id, 1));

        assertThat(publisher.publish(definition(id, 2), Duration.ZERO)).isFalse();
    }

    @Test
    void aBrokerThatDoesNotTakeItIsTheServicesExceptionNamingTheDefinition() throws IOException {
        var publisher = new ReadBackPublisher<>(template("127.0.0.1:" + closedPort()), Topics.SEGMENT_DEFINITIONS, SEGMENTS);

        assertThatThrownBy(() -> publisher.publish(definition("nowhere", 3), WITHIN))
                .isInstanceOf(NotWritten.class)
                .hasMessageStartingWith("the broker did not acknowledge segment 'nowhere' version 3 within PT10S")
                .hasMessageEndingWith("; nothing was changed, send it again");
    }

    /** A consumer of the topic, from its start, that hands every definition to the publisher as a catalogue would. */
    private void readBackInto(ReadBackPublisher<SegmentDefinition> publisher) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "read-back-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var valueSerde = SERDES.value(Topics.SEGMENT_DEFINITIONS);
        Future<?> running = catalogueThread.submit(() -> {
            try (var consumer = new KafkaConsumer<>(config, SERDES.key(Topics.SEGMENT_DEFINITIONS).deserializer(),
                    valueSerde.deserializer())) {
                consumer.subscribe(List.of(Topics.SEGMENT_DEFINITIONS.name()));
                while (!stop.get()) {
                    consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                        readBack.add(record.value());
                        if (publisher != null) {
                            publisher.readBack(record.value());
                        }
                    });
                }
            }
        });
        assertThat(running).isNotNull();
    }

    private KafkaTemplate<String, SpecificRecord> template(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // A closed port fails the metadata wait within a second rather than the default minute.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Serializer<SpecificRecord> values = (Serializer) SERDES.value(Topics.SEGMENT_DEFINITIONS).serializer();
        var factory = new DefaultKafkaProducerFactory<>(config, SERDES.key(Topics.SEGMENT_DEFINITIONS).serializer(), values);
        factories.add(factory);
        return new KafkaTemplate<>(factory);
    }

    private static SegmentDefinition definition(String id, int version) {
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        return SegmentDefinition.newBuilder().setId(id).setName(id).setRule("true").setOwner("test")
                .setVersion(version).setStatus(SegmentStatus.ACTIVE).setCreatedAt(at).setChangedAt(at).build();
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

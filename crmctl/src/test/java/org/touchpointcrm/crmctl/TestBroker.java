package org.touchpointcrm.crmctl;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.RegistryConnection;
import org.touchpointcrm.schemas.Topic;

/** The tests' real KRaft broker (spring-kafka-test's, one per test class) and what the tests do with it directly. */
public final class TestBroker implements AutoCloseable {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    private final EmbeddedKafkaBroker broker;
    private final Admin admin;

    private TestBroker(EmbeddedKafkaBroker broker) {
        this.broker = broker;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    /** The broker of the running test class's {@code @EmbeddedKafka}. */
    public static TestBroker current() {
        return new TestBroker(EmbeddedKafkaCondition.getBroker());
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** crmctl run in-process against this broker. */
    public CrmctlRun crmctl(String... args) {
        return crmctl(registry -> CrmSerdes.withoutRegistry(), args);
    }

    /** crmctl run in-process against this broker, its ledger's serdes made by {@code serdes}. */
    public CrmctlRun crmctl(Function<RegistryConnection, CrmSerdes> serdes, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-server", bootstrapServers()));
        return CrmctlRun.crmctl(serdes, all.toArray(String[]::new));
    }

    public Admin admin() {
        return admin;
    }

    /** The topics, empty, as the catalogue says (min ISR 1), whatever an earlier test left in them. */
    public void recreate(List<Topic<?, ?>> topics) throws Exception {
        List<String> names = topics.stream().map(Topic::name).toList();
        List<String> present = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(names::contains).toList();
        admin.deleteTopics(present).all().get(30, TimeUnit.SECONDS);
        await().atMost(WITHIN).until(() -> admin.listTopics().names().get().stream().noneMatch(names::contains));
        List<NewTopic> wanted = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            Map<String, String> configs = new HashMap<>(topic.configs());
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
            wanted.add(new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.of((short) 1)).configs(configs));
        }
        create(wanted);
    }

    public void create(List<NewTopic> topics) throws Exception {
        admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        List<String> names = topics.stream().map(NewTopic::name).toList();
        await().atMost(WITHIN).ignoreExceptions().until(() -> admin.describeTopics(names).allTopicNames().get().size() == names.size());
    }

    /** An idempotent producer of raw bytes, as a channel system or Kafka Streams writes. */
    public KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Every record of the topic a reader with this isolation sees: committed records only, or also those of
     * open and aborted transactions.
     */
    public List<ConsumerRecord<byte[], byte[]>> records(String topic, IsolationLevel isolation) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConnection kafka = KafkaConnection.open(bootstrapServers(), new Properties(), Duration.ofSeconds(10));
             var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            ReadToEnd.read(consumer, kafka.endOffsets(List.of(topic), isolation), kafka.timeout(), topic, records::add);
        }
        return records;
    }

    /**
     * What a read_committed reader sees once every transaction written to {@code topic} so far has ended. A
     * commit returns before its markers are on the partitions, so the last stable offset read at once may
     * still leave out what was just committed.
     */
    public List<ConsumerRecord<byte[], byte[]>> committedOnceSettled(String topic) {
        try (KafkaConnection kafka = KafkaConnection.open(bootstrapServers(), new Properties(), Duration.ofSeconds(10))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> kafka.endOffsets(List.of(topic), IsolationLevel.READ_COMMITTED)
                    .equals(kafka.endOffsets(List.of(topic), IsolationLevel.READ_UNCOMMITTED)));
        }
        return records(topic, IsolationLevel.READ_COMMITTED);
    }

    @Override
    public void close() {
        admin.close();
    }
}

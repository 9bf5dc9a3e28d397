package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.platform.acls.KafkaPrincipals;
import org.touchpointcrm.platform.acls.ServicePrincipal;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

/**
 * The principals of {@link KafkaPrincipals} on a real KRaft broker with SASL/SCRAM-SHA-512 over TLS and the standard
 * authorizer ({@code allow.everyone.if.no.acl.found=false}, one super user): each may do its own work, and the broker
 * refuses the rest with the authorization error that names what was refused.
 */
class KafkaAclsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path directory;

    private static KafkaSecurity security;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        security = KafkaSecurity.generate(directory.resolve("tls"));
        broker = EmbeddedBroker.startSecured(directory.resolve("kafka"), security);
        try (Admin admin = Admin.create(client(KafkaSecurity.ADMIN))) {
            // One partition each: the test is about who may, not about throughput.
            admin.createTopics(Topics.ALL.stream().map(t -> new NewTopic(t.name(), 1, (short) 1).configs(t.configs())).toList())
                    .all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void ingestWritesItsInputTopicsIdempotently() throws Exception {
        try (var producer = producer(KafkaPrincipals.INGEST)) {
            assertThat(producer.send(record(Topics.TOUCHPOINTS_POS)).get(WAIT.toSeconds(), TimeUnit.SECONDS).offset())
                    .isNotNegative();
            assertThat(producer.send(record(Topics.CUSTOMERS)).get(WAIT.toSeconds(), TimeUnit.SECONDS).offset())
                    .isNotNegative();
        }
    }

    @Test
    void ingestCannotReadAnotherServicesTopicsNorEvenItsOwn() {
        for (Topic<?, ?> topic : List.of(Topics.CUSTOMER_PROFILES, Topics.CAMPAIGNS, Topics.TOUCHPOINTS_POS)) {
            try (var consumer = consumer(KafkaPrincipals.INGEST, null)) {
                consumer.assign(List.of(new TopicPartition(topic.name(), 0)));
                assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                        .as("ingest-service reading %s", topic.name())
                        .isInstanceOf(TopicAuthorizationException.class)
                        .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics()).containsExactly(topic.name()));
            }
        }
    }

    @Test
    void onlyTheNotifierWritesCampaigns() throws Exception {
        for (ServicePrincipal other : List.of(KafkaPrincipals.INGEST, KafkaPrincipals.SEGMENTATION, KafkaPrincipals.CRMCTL)) {
            try (var producer = producer(other)) {
                Throwable refused = catchThrowable(() -> producer.send(record(Topics.CAMPAIGNS)).get(WAIT.toSeconds(), TimeUnit.SECONDS));
                assertThat(refused).as("%s writing crm.campaigns", other.name())
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(TopicAuthorizationException.class);
            }
        }
        try (var producer = producer(KafkaPrincipals.NOTIFIER)) {
            assertThat(producer.send(record(Topics.CAMPAIGNS)).get(WAIT.toSeconds(), TimeUnit.SECONDS).topic())
                    .isEqualTo(Topics.CAMPAIGNS.name());
        }
    }

    /**
     * The case: a client joining segmentation's group with an application.server of its own would be sent the
     * profile queries (and the marketers' keys they carry). The notifier may read a touchpoint topic segmentation reads,
     * yet not join segmentation's group; its own delivery group it joins.
     */
    @Test
    void aPrincipalCannotJoinAnotherApplicationsGroup() {
        try (var consumer = consumer(KafkaPrincipals.NOTIFIER, KafkaPrincipals.SEGMENTATION_APPLICATION_ID)) {
            consumer.subscribe(List.of(Topics.TOUCHPOINTS_EMAIL.name()));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(GroupAuthorizationException.class)
                    .satisfies(e -> assertThat(((GroupAuthorizationException) e).groupId())
                            .isEqualTo(KafkaPrincipals.SEGMENTATION_APPLICATION_ID));
        }
        try (var consumer = consumer(KafkaPrincipals.NOTIFIER, KafkaPrincipals.NOTIFIER_DELIVERY_GROUP)) {
            consumer.subscribe(List.of(Topics.CAMPAIGN_MESSAGES.name()));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200));
                return !consumer.assignment().isEmpty();
            });
        }
    }

    @Test
    void aStreamsAppCreatesItsOwnInternalTopicsButNotAnotherAppsNorUsesItsTransactionalIds() throws Exception {
        try (Admin segmentation = Admin.create(client(KafkaPrincipals.SEGMENTATION.name()))) {
            segmentation.createTopics(List.of(new NewTopic("crm-segmentation-probe-repartition", 1, (short) 1)))
                    .all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Throwable refused = catchThrowable(() -> segmentation
                    .createTopics(List.of(new NewTopic("crm-notifier-probe-repartition", 1, (short) 1)))
                    .all().get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertThat(refused).isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class);
        }
        Map<String, Object> config = client(KafkaPrincipals.SEGMENTATION.name());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaPrincipals.NOTIFIER_APPLICATION_ID + "-0-1");
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    /**
     * segmentation-streams' principal runs a Streams app under its application id, exactly once, through a
     * repartition topic it creates; under the notifier's application id the same app is refused that app's internal
     * topic (and, would it get that far, its group: {@link #aPrincipalCannotJoinAnotherApplicationsGroup}).
     */
    @Test
    void aStreamsAppRunsExactlyOnceUnderItsOwnApplicationIdOnly() throws Exception {
        try (var streams = probeStreams(KafkaPrincipals.SEGMENTATION_APPLICATION_ID, new AtomicReference<>())) {
            streams.start();
            try (var producer = producer(KafkaPrincipals.INGEST)) {
                producer.send(new ProducerRecord<>(Topics.TOUCHPOINTS_WEB.name(), "c-1".getBytes(), "visit".getBytes()))
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            try (var consumer = consumer(KafkaPrincipals.NOTIFIER, null)) {
                consumer.assign(List.of(new TopicPartition(Topics.SEGMENT_CHANGES.name(), 0)));
                consumer.seekToBeginning(consumer.assignment());
                List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
                await().atMost(WAIT).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    return seen.stream().anyMatch(r -> new String(r.value()).equals("visit"));
                });
            }
        }
        var failure = new AtomicReference<Throwable>();
        try (var streams = probeStreams(KafkaPrincipals.NOTIFIER_APPLICATION_ID, failure)) {
            streams.start();
            await().atMost(WAIT).until(() -> streams.state() == KafkaStreams.State.ERROR
                    || streams.state() == KafkaStreams.State.PENDING_ERROR);
            assertThat(causes(failure.get()))
                    .filteredOn(TopicAuthorizationException.class::isInstance)
                    .singleElement()
                    .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics())
                            .containsExactly(KafkaPrincipals.NOTIFIER_APPLICATION_ID + "-acl-probe-repartition"));
        }
    }

    @Test
    void crmctlReadsTheDeadLettersButNoProfiles() {
        try (var consumer = consumer(KafkaPrincipals.CRMCTL, null)) {
            consumer.assign(List.of(new TopicPartition(Topics.DLQ_SEGMENTATION.name(), 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThat(consumer.poll(Duration.ofSeconds(2))).isEmpty();
            assertThat(consumer.position(new TopicPartition(Topics.DLQ_SEGMENTATION.name(), 0))).isZero();
        }
        try (var consumer = consumer(KafkaPrincipals.CRMCTL, null)) {
            consumer.assign(List.of(new TopicPartition(Topics.CUSTOMER_PROFILES.name(), 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** The operators' way to apply them: idempotent, so a second run on the provisioned cluster changes nothing. */
    @Test
    void crmctlAppliesTheSameAclsWithASuperUsersConnection() throws Exception {
        Properties admin = new Properties();
        admin.putAll(security.clientConfig(KafkaSecurity.ADMIN));
        Path adminProperties = directory.resolve("admin.properties");
        try (var writer = Files.newBufferedWriter(adminProperties)) {
            admin.store(writer, null);
        }

        var run = InProcessCrmctl.run("acls", "--apply", "--bootstrap-server", broker.bootstrapServers(),
                "--command-config", adminProperties.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(KafkaPrincipals.allAcls().count() + " ACLs of " + KafkaPrincipals.ALL.size() + " principals");
        try (Admin describer = Admin.create(client(KafkaSecurity.ADMIN))) {
            assertThat(describer.describeAcls(AclBindingFilter.ANY).values().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .containsExactlyInAnyOrderElementsOf(KafkaPrincipals.allAcls().toList());
        }
    }

    @Test
    void nobodyGetsInWithoutTheRightPassword() {
        Map<String, Object> config = client(KafkaPrincipals.INGEST.name());
        config.put("sasl.jaas.config", KafkaSecurity.scramJaas(KafkaPrincipals.INGEST.name(), "not-the-password"));
        try (Admin admin = Admin.create(config)) {
            Throwable refused = catchThrowable(() -> admin.describeCluster().clusterId().get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertThat(refused).isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** touchpoints.web -> a repartition topic of the app's own -> segment-changes, bytes through. */
    private static KafkaStreams probeStreams(String applicationId, AtomicReference<Throwable> failure) {
        var builder = new StreamsBuilder();
        builder.stream(Topics.TOUCHPOINTS_WEB.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read"))
                .repartition(Repartitioned.<byte[], byte[]>as("acl-probe").withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.ByteArray()))
                .to(Topics.SEGMENT_CHANGES.name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("write"));
        Properties config = new Properties();
        config.putAll(client(KafkaPrincipals.SEGMENTATION.name()));
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, directory.resolve("streams-" + applicationId).toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        var streams = new KafkaStreams(builder.build(config), config);
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        return streams;
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static ProducerRecord<byte[], byte[]> record(Topic<?, ?> topic) {
        return new ProducerRecord<>(topic.name(), "key".getBytes(), "value".getBytes());
    }

    private static KafkaProducer<byte[], byte[]> producer(ServicePrincipal principal) {
        Map<String, Object> config = client(principal.name());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(ServicePrincipal principal, String groupId) {
        Map<String, Object> config = client(principal.name());
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<String, Object> client(String user) {
        Map<String, Object> config = new HashMap<>(security.clientConfig(user));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return config;
    }
}

package org.touchpointcrm.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.touchpointcrm.platform.CrmKafkaAutoConfiguration;
import org.touchpointcrm.schemas.Cleanup;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

/**
 * A service's start against a real KRaft broker: missing catalogue topics are created as the
 * catalogue says, existing ones that differ stop the start and are left as they are.
 */
// Only admin calls here: no consumer groups or transactions, so none of their internal topics' settings.
@EmbeddedKafka(brokerProperties = {
        // The cleaner's 128 MB default buffer is sized for production brokers, not a test JVM.
        "log.cleaner.dedupe.buffer.size=8388608",
        // A topic exists only if a test or the service created it.
        "auto.create.topics.enable=false"})
class CatalogueTopicsCheckIntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    private EmbeddedKafkaBroker broker;
    private Admin admin;

    /** A service as far as Kafka goes: the platform's auto-configuration and Spring Boot's. */
    private ApplicationContextRunner service() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CrmKafkaAutoConfiguration.class, KafkaAutoConfiguration.class))
                .withPropertyValues(
                        "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        // Never contacted: nothing is produced or consumed here.
                        "crm.kafka.schema-registry-url=http://127.0.0.1:9",
                        "crm.kafka.replication-factor=1");
    }

    /** Every test starts from a broker without the catalogue's topics (tests share one broker). */
    @BeforeEach
    void brokerWithoutCatalogueTopics() throws Exception {
        broker = EmbeddedKafkaCondition.getBroker();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        List<String> names = Topics.ALL.stream().map(Topic::name).toList();
        List<String> present = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(names::contains).toList();
        admin.deleteTopics(present).all().get(30, TimeUnit.SECONDS);
        await().atMost(WITHIN).until(() -> admin.listTopics().names().get().stream().noneMatch(names::contains));
    }

    @AfterEach
    void closeAdmin() {
        admin.close();
    }

    @Test
    void missingTopicsAreCreatedWithTheCataloguesPartitionsCleanupRetentionAndMinInsyncReplicas() {
        service().run(context -> assertThat(context).hasNotFailed());

        await().atMost(WITHIN).ignoreExceptions().untilAsserted(() -> {
            for (Topic<?, ?> topic : Topics.ALL) {
                assertThat(describe(topic).partitions()).hasSize(topic.partitions());
                Config configs = configs(topic);
                assertThat(configs.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(topic.cleanup().policy());
                assertThat(configs.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("1");
                topic.retention().ifPresent(retention -> assertThat(configs.get(TopicConfig.RETENTION_MS_CONFIG).value())
                        .isEqualTo(Long.toString(retention.toMillis())));
            }
        });
    }

    @Test
    void aTopicWithTheWrongCleanupPolicyStopsTheStartAndIsLeftAsItIs() throws Exception {
        create(Topics.CUSTOMERS, Topics.CUSTOMERS.partitions(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, Cleanup.DELETE.policy()));

        service().run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new TopicsDifferFromCatalogueFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("the start fails for the mismatch, not for something else").isNotNull();
            assertThat(analysis.getDescription())
                    .contains(Topics.CUSTOMERS.name() + ": cleanup.policy is delete on the broker, the catalogue wants compact");
            assertThat(analysis.getAction()).contains("--entity-name " + Topics.CUSTOMERS.name() + " --add-config cleanup.policy=compact");
        });

        assertThat(configs(Topics.CUSTOMERS).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
    }

    @Test
    void aTopicWithFewerPartitionsStopsTheStartBeforeKafkaAdminAddsAny() throws Exception {
        create(Topics.TOUCHPOINTS_POS, 6, Topics.TOUCHPOINTS_POS.configs());

        service().run(context -> {
            assertThat(context).hasFailed();
            assertThat(new TopicsDifferFromCatalogueFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .contains(Topics.TOUCHPOINTS_POS.name() + ": partitions is 6 on the broker, the catalogue wants 12");
        });

        // KafkaAdmin would have raised the count to 12, moving keys; the check ran first.
        assertThat(describe(Topics.TOUCHPOINTS_POS).partitions()).hasSize(6);
    }

    @Test
    void aTopicAsTheCatalogueSaysPassesAndTheMissingOnesAreCreated() throws Exception {
        Map<String, String> configs = new HashMap<>(Topics.CUSTOMERS.configs());
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
        create(Topics.CUSTOMERS, Topics.CUSTOMERS.partitions(), configs);

        service().run(context -> assertThat(context).hasNotFailed());

        await().atMost(WITHIN).ignoreExceptions()
                .untilAsserted(() -> assertThat(describe(Topics.CAMPAIGN_MESSAGES).partitions()).hasSize(Topics.CAMPAIGN_MESSAGES.partitions()));
    }

    private void create(Topic<?, ?> topic, int partitions, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic.name(), Optional.of(partitions), Optional.of((short) 1)).configs(configs)))
                .all().get(30, TimeUnit.SECONDS);
        await().atMost(WITHIN).ignoreExceptions().until(() -> describe(topic).partitions().size() == partitions);
    }

    private TopicDescription describe(Topic<?, ?> topic) throws Exception {
        return admin.describeTopics(List.of(topic.name())).allTopicNames().get(10, TimeUnit.SECONDS).get(topic.name());
    }

    private Config configs(Topic<?, ?> topic) throws Exception {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        return admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
    }
}

package org.touchpointcrm.platform.topics;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Refuses to start when a catalogue topic that already exists differs from the catalogue, listing
 * every mismatch at once. Spring Kafka's {@link KafkaAdmin} goes on creating the missing ones.
 *
 * <p>KafkaAdmin can check configs too ({@code setModifyTopicConfigs}, {@code spring.kafka.admin.modify-topic-configs}),
 * but it then alters them silently: turning a compacted table's {@code cleanup.policy} to {@code delete}, or
 * shortening a retention, deletes records that nothing can bring back. Whoever runs the cluster should decide
 * that, so this check refuses and says how. KafkaAdmin also raises a partition count that is too low, which
 * moves keys away from the partitions (and state stores) that hold their history; the check refuses that too.
 *
 * <p>It must therefore run before KafkaAdmin's own {@code afterSingletonsInstantiated}. Spring calls those in
 * the order the beans were defined, and this one is defined by the platform's auto-configuration, which comes
 * before Spring Boot's {@code KafkaAutoConfiguration} (where KafkaAdmin is). Clients start only after both,
 * when the context starts its lifecycle beans.
 */
public class CatalogueTopicsCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CatalogueTopicsCheck.class);

    private final Collection<NewTopic> catalogue;
    private final KafkaAdmin kafkaAdmin;
    private final boolean failIfBrokerNotAvailable;

    /**
     * @param catalogue                the topics as provisioned, the very ones KafkaAdmin creates when missing
     * @param kafkaAdmin               whose connection settings and operation timeout the check uses
     * @param failIfBrokerNotAvailable as {@code spring.kafka.admin.fail-fast}: whether an unreachable broker stops
     *                                 the start, or is logged, as KafkaAdmin does
     */
    public CatalogueTopicsCheck(Collection<NewTopic> catalogue, KafkaAdmin kafkaAdmin, boolean failIfBrokerNotAvailable) {
        this.catalogue = List.copyOf(catalogue);
        this.kafkaAdmin = kafkaAdmin;
        this.failIfBrokerNotAvailable = failIfBrokerNotAvailable;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<TopicMismatch> mismatches;
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            mismatches = mismatches(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking the Kafka topics against the catalogue", e);
        } catch (ExecutionException | TimeoutException e) {
            String problem = "Could not check the Kafka topics against the catalogue at " + bootstrapServers() + ": " + e;
            if (failIfBrokerNotAvailable) {
                throw new IllegalStateException(problem + "; start the broker or correct spring.kafka.bootstrap-servers", e);
            }
            log.error("{}; starting unchecked, since spring.kafka.admin.fail-fast is false", problem);
            return;
        }
        if (!mismatches.isEmpty()) {
            throw new TopicsDifferFromCatalogueException(mismatches, bootstrapServers());
        }
    }

    /** Describes the catalogue topics that exist and compares each with what the catalogue wants. */
    private List<TopicMismatch> mismatches(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        int timeout = kafkaAdmin.getOperationTimeout();
        Set<String> existing = admin.listTopics().names().get(timeout, TimeUnit.SECONDS);
        List<NewTopic> present = catalogue.stream().filter(topic -> existing.contains(topic.name())).toList();
        if (present.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(present.stream().map(NewTopic::name).toList())
                .allTopicNames().get(timeout, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream().map(CatalogueTopicsCheck::resource).toList())
                .all().get(timeout, TimeUnit.SECONDS);
        return present.stream()
                .flatMap(topic -> TopicMismatch.between(topic, descriptions.get(topic.name()), configs.get(resource(topic))).stream())
                .toList();
    }

    private static ConfigResource resource(NewTopic topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
    }

    /** As configured, so that the commands in the message can be pasted as they are. */
    private String bootstrapServers() {
        Object servers = kafkaAdmin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        return servers instanceof Collection<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(servers);
    }
}

package org.touchpointcrm.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.KafkaAdmin;
import org.touchpointcrm.platform.deadletters.TransientFailure;
import org.touchpointcrm.platform.topics.CatalogueTopicsCheck;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

/**
 * What every service gets from being a Touchpoint CRM service: serdes that speak the registry,
 * the catalogue's topics provisioned (and checked) at start, and the pipeline's delivery guarantees, set here once
 * rather than trusted to each service's configuration.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(CrmKafkaProperties.class)
public class CrmKafkaAutoConfiguration {

    @Bean
    CrmSerdes crmSerdes(CrmKafkaProperties properties) {
        return CrmSerdes.withRegistry(properties.registryConnection());
    }

    /** Spring's KafkaAdmin creates what is missing at start; the catalogue is the only source. */
    @Bean
    KafkaAdmin.NewTopics crmTopics(CrmKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(catalogueTopics(properties).toArray(NewTopic[]::new));
    }

    /**
     * Existing catalogue topics are checked before KafkaAdmin creates the missing ones; a mismatch
     * stops the start (see {@link CatalogueTopicsCheck} for why it refuses rather than alters).
     */
    @Bean
    CatalogueTopicsCheck crmTopicsCheck(CrmKafkaProperties properties, KafkaAdmin kafkaAdmin, KafkaProperties kafka) {
        return new CatalogueTopicsCheck(catalogueTopics(properties), kafkaAdmin, kafka.getAdmin().isFailFast());
    }

    /** What KafkaAdmin creates and the check compares with: the same list, so the two cannot drift apart. */
    static List<NewTopic> catalogueTopics(CrmKafkaProperties properties) {
        return Topics.ALL.stream().map(topic -> newTopic(topic, properties)).toList();
    }

    /**
     * A catalogue topic as this deployment provisions it: the catalogue says what the data needs
     * (partitions, cleanup, retention), the deployment how many brokers keep it (replicas, min ISR).
     */
    static NewTopic newTopic(Topic<?, ?> topic, CrmKafkaProperties properties) {
        Map<String, String> configs = new HashMap<>(topic.configs());
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(properties.minInsyncReplicas()));
        return new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.ofNullable(properties.replicationFactor()))
                .configs(configs);
    }

    /**
     * Producers write registry-backed Avro, and nothing is acknowledged to a caller before every
     * in-sync replica has it; retries never duplicate.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer avroAcknowledgedByAllReplicas(CrmSerdes serdes) {
        return factory -> {
            factory.updateConfigs(serdes.producerConfig());
            factory.updateConfigs(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        };
    }

    /** Consumers read registry-backed Avro and never see records of aborted or open transactions. */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer avroReadCommittedOnly(CrmSerdes serdes) {
        return factory -> {
            factory.updateConfigs(serdes.consumerConfig());
            factory.updateConfigs(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(StreamsConfig.class)
    static class StreamsGuarantees {

        /**
         * Every Streams app runs exactly once, its internal topics and stores are named explicitly,
         * and its RocksDB stores share one bounded amount of memory. A thread that failed on a
         * {@link TransientFailure} is replaced: its transaction is aborted and the records are taken up
         * again; any other failure stops the app (readiness goes down) rather than loop.
         */
        @Bean
        StreamsBuilderFactoryBeanConfigurer exactlyOnceWithExplicitNames() {
            return factoryBean -> {
                factoryBean.setStreamsUncaughtExceptionHandler(TransientFailure::afterStreamThreadFailed);
                Properties config = factoryBean.getStreamsConfiguration();
                config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
                config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
                config.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
                factoryBean.setStreamsConfiguration(config);
            };
        }
    }
}

package org.touchpointcrm.platform.health;

import java.time.Clock;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Readiness contributors for services that have actuator: {@code kafkaBroker} (the broker answers) and, in a
 * Kafka Streams service, {@code kafkaStreams} (the app can serve). They only take part in the health groups a
 * service's yml names, meant for {@code management.endpoint.health.group.readiness.include}; none is in the
 * liveness group, since restarting a pod does not bring a broker back and would only add rebalances.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@EnableConfigurationProperties(CrmHealthProperties.class)
public class CrmHealthAutoConfiguration {

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnEnabledHealthIndicator("kafka-broker")
    KafkaBrokerReadiness kafkaBrokerHealthIndicator(KafkaAdmin kafkaAdmin, CrmHealthProperties properties) {
        Map<String, Object> config = kafkaAdmin.getConfigurationProperties();
        return new KafkaBrokerReadiness(() -> Admin.create(config),
                String.valueOf(config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)),
                properties.brokerTimeout(), properties.brokerCacheFor(), Clock.systemUTC());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.kafka.streams.KafkaStreams")
    static class StreamsReadiness {

        @Bean
        @ConditionalOnBean(StreamsBuilderFactoryBean.class)
        @ConditionalOnEnabledHealthIndicator("kafka-streams")
        KafkaStreamsReadiness kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factoryBean) {
            return new KafkaStreamsReadiness(factoryBean);
        }
    }
}

package org.touchpointcrm.platform;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Settings every service shares, under {@code crm.kafka}. Broker addresses stay where Spring Boot
 * keeps them ({@code spring.kafka.bootstrap-servers}).
 *
 * @param schemaRegistryUrl  the registry's base address (scheme, host, port), e.g. http://127.0.0.1:8085
 * @param replicationFactor  replicas for the topics provisioned from the catalogue; unset means the broker's default
 */
@Validated
@ConfigurationProperties("crm.kafka")
public record CrmKafkaProperties(@NotNull URI schemaRegistryUrl, @Positive Short replicationFactor) {
}

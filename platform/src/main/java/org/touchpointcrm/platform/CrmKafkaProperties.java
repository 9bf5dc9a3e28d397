package org.touchpointcrm.platform;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Settings every service shares, under {@code crm.kafka}. Broker addresses stay where Spring Boot
 * keeps them ({@code spring.kafka.bootstrap-servers}).
 *
 * @param schemaRegistryUrl  the registry's base address (scheme, host, port), e.g. http://127.0.0.1:8085
 * @param replicationFactor  replicas for the topics provisioned from the catalogue; unset means the broker's
 *                           default, and then it is not checked either
 * @param minInsyncReplicas  {@code min.insync.replicas} of every catalogue topic: how many replicas must have a
 *                           record before an {@code acks=all} write succeeds. 1 suits a single local broker; in
 *                           production, with replication factor 3, set 2, so one broker may fail without losing
 *                           an acknowledged record or refusing writes
 */
@Validated
@ConfigurationProperties("crm.kafka")
public record CrmKafkaProperties(@NotNull URI schemaRegistryUrl, @Positive Short replicationFactor,
                                 @DefaultValue("1") @Positive int minInsyncReplicas) {
}

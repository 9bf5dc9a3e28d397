package org.touchpointcrm.platform;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.touchpointcrm.schemas.RegistryConnection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Settings every service shares, under {@code crm.kafka}. Broker addresses and the broker's security (SASL, TLS) stay
 * where Spring Boot keeps them ({@code spring.kafka.bootstrap-servers}, {@code spring.kafka.security.protocol},
 * {@code spring.kafka.ssl.*}, {@code spring.kafka.properties.sasl.*}; docs/security.md, Kafka and registry).
 *
 * @param schemaRegistryUrl  the registry's base address (scheme, host, port), e.g. http://127.0.0.1:8085
 * @param replicationFactor  replicas for the topics provisioned from the catalogue; unset means the broker's
 *                           default, and then it is not checked either
 * @param minInsyncReplicas  {@code min.insync.replicas} of every catalogue topic: how many replicas must have a
 *                           record before an {@code acks=all} write succeeds. 1 suits a single local broker; in
 *                           production, with replication factor 3, set 2, so one broker may fail without losing
 *                           an acknowledged record or refusing writes
 * @param schemaRegistry     how the serdes reach the registry at that address: credentials, TLS, registration
 */
@Validated
@ConfigurationProperties("crm.kafka")
public record CrmKafkaProperties(@NotNull URI schemaRegistryUrl, @Positive Short replicationFactor,
                                 @DefaultValue("1") @Positive int minInsyncReplicas,
                                 @DefaultValue @Valid SchemaRegistry schemaRegistry) {

    @ConstructorBinding
    public CrmKafkaProperties {
    }

    /** Without registry credentials or TLS, producers registering their schemas: tests and the local stack. */
    public CrmKafkaProperties(URI schemaRegistryUrl, Short replicationFactor, int minInsyncReplicas) {
        this(schemaRegistryUrl, replicationFactor, minInsyncReplicas,
                new SchemaRegistry(null, null, null, null, "PKCS12", true));
    }

    /** The serdes' way to the registry, as configured. */
    public RegistryConnection registryConnection() {
        RegistryConnection registry = RegistryConnection.of(schemaRegistryUrl).withAutoRegister(schemaRegistry.autoRegister());
        if (schemaRegistry.username() != null || schemaRegistry.password() != null) {
            if (schemaRegistry.username() == null || schemaRegistry.password() == null) {
                throw new IllegalStateException("crm.kafka.schema-registry.username and .password go together: "
                        + "set both for a registry that asks for basic auth, or neither");
            }
            registry = registry.withBasicAuth(schemaRegistry.username(), schemaRegistry.password());
        }
        if (schemaRegistry.truststoreLocation() != null) {
            registry = registry.withTruststore(schemaRegistry.truststoreLocation(),
                    Optional.ofNullable(schemaRegistry.truststorePassword()).orElse(""), schemaRegistry.truststoreType());
        }
        return registry;
    }

    /**
     * {@code crm.kafka.schema-registry.*}.
     *
     * @param username           HTTP basic-auth user of the registry, if it asks for one
     * @param password           its password
     * @param truststoreLocation a trust store file holding the registry's certificate (or its CA), for an https address
     * @param truststorePassword the trust store's password
     * @param truststoreType     PKCS12 (default) or JKS
     * @param autoRegister       whether producers register the schemas they write; false in production, where
     *                           {@code crmctl schemas register} registers them before a release
     */
    public record SchemaRegistry(String username, String password, Path truststoreLocation, String truststorePassword,
                                 @DefaultValue("PKCS12") @NotBlank String truststoreType,
                                 @DefaultValue("true") boolean autoRegister) {
    }
}

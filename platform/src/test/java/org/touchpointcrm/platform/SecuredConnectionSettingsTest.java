package org.touchpointcrm.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.touchpointcrm.schemas.CrmSerdes;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;

/**
 * A service reaches a secured broker and registry through configuration alone: the broker's SASL/TLS settings through
 * Spring Boot's own properties, the registry's through {@code crm.kafka.schema-registry.*} (docs/security.md).
 */
class SecuredConnectionSettingsTest {

    private static final Map<String, String> SECURED = Map.of(
            "spring.kafka.security.protocol", "SASL_SSL",
            "spring.kafka.ssl.trust-store-location", "file:/etc/touchpoint/kafka-truststore.p12",
            "spring.kafka.ssl.trust-store-password", "store-pass",
            "spring.kafka.ssl.trust-store-type", "PKCS12",
            "spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512",
            "spring.kafka.properties.sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ingest-service\" password=\"p\";");

    @Test
    void theBrokersSaslAndTlsSettingsReachEveryKindOfClient() {
        KafkaProperties kafka = new Binder(new MapConfigurationPropertySource(SECURED))
                .bind("spring.kafka", KafkaProperties.class).get();

        for (Map<String, Object> client : List.of(kafka.buildProducerProperties(), kafka.buildConsumerProperties(),
                kafka.buildAdminProperties(), kafka.buildStreamsProperties())) {
            assertThat(client)
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.location", "/etc/touchpoint/kafka-truststore.p12")
                    .containsEntry("ssl.truststore.type", "PKCS12")
                    .containsKey("sasl.jaas.config");
        }
    }

    @Test
    void theRegistrysCredentialsTrustStoreAndRegistrationReachTheSerdes() {
        CrmKafkaProperties crm = bind(Map.of(
                "crm.kafka.schema-registry-url", "https://registry:8443",
                "crm.kafka.schema-registry.username", "ingest-service",
                "crm.kafka.schema-registry.password", "registry-pass",
                "crm.kafka.schema-registry.truststore-location", "/etc/touchpoint/registry-truststore.p12",
                "crm.kafka.schema-registry.truststore-password", "store-pass",
                "crm.kafka.schema-registry.auto-register", "false"));

        assertThat(CrmSerdes.withRegistry(crm.registryConnection()).registryConfig())
                .containsEntry(SchemaResolverConfig.REGISTRY_URL, "https://registry:8443/apis/registry/v3")
                .containsEntry(SchemaResolverConfig.AUTH_USERNAME, "ingest-service")
                .containsEntry(SchemaResolverConfig.AUTH_PASSWORD, "registry-pass")
                .containsEntry(SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION, "/etc/touchpoint/registry-truststore.p12")
                .containsEntry(SchemaResolverConfig.TLS_TRUSTSTORE_PASSWORD, "store-pass")
                .containsEntry(SchemaResolverConfig.TLS_TRUSTSTORE_TYPE, "PKCS12")
                .containsEntry(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, false);
    }

    @Test
    void byDefaultProducersRegisterTheirSchemasWithoutCredentials() {
        CrmKafkaProperties crm = bind(Map.of("crm.kafka.schema-registry-url", "http://127.0.0.1:8085"));

        assertThat(CrmSerdes.withRegistry(crm.registryConnection()).registryConfig())
                .containsEntry(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true)
                .doesNotContainKeys(SchemaResolverConfig.AUTH_USERNAME, SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION);
    }

    @Test
    void aRegistryUserWithoutItsPasswordIsRefusedNamingTheSetting() {
        CrmKafkaProperties crm = bind(Map.of("crm.kafka.schema-registry-url", "http://registry:8080",
                "crm.kafka.schema-registry.username", "ingest-service"));

        assertThatThrownBy(crm::registryConnection).hasMessageContaining("crm.kafka.schema-registry.username and .password");
    }

    private static CrmKafkaProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("crm.kafka", CrmKafkaProperties.class).get();
    }
}

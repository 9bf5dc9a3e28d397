package org.touchpointcrm.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.Company;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.KeyAccountTier;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.schemas.fixtures.Touchpoints;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.config.SerdeConfig;

class CrmSerdesTest {

    @Test
    void registrylessSerdeRoundTripsATouchpoint() {
        var serde = CrmSerdes.withoutRegistry().value(Topics.TOUCHPOINTS_POS);
        TouchpointEvent purchase = Touchpoints.purchase("c-1", "49.90", Instant.parse("2026-11-23T10:00:00Z"));

        byte[] bytes = serde.serializer().serialize(Topics.TOUCHPOINTS_POS.name(), purchase);

        assertThat(serde.deserializer().deserialize(Topics.TOUCHPOINTS_POS.name(), bytes)).isEqualTo(purchase);
    }

    @Test
    void registrylessSerdeRoundTripsACustomerRecordWithItsCompany() {
        var serde = CrmSerdes.withoutRegistry().value(Topics.CUSTOMERS);
        CustomerRecord record = CustomerRecord.newBuilder()
                .setCustomerId("c-9001").setLastName("Virtanen").setCountry("FI").setTimeZone("Europe/Helsinki")
                .setKeyAccountTier(KeyAccountTier.GOLD)
                .setCompany(new Company("Virtasen Puutarha Oy", "0112038-9"))
                .setUpdatedAt(Instant.parse("2026-11-23T10:00:00Z"))
                .build();

        byte[] bytes = serde.serializer().serialize(Topics.CUSTOMERS.name(), record);

        assertThat(serde.deserializer().deserialize(Topics.CUSTOMERS.name(), bytes)).isEqualTo(record);
    }

    @Test
    void customerRecordIsNoKeyAccountUnlessSaidOtherwise() {
        CustomerRecord record = CustomerRecord.newBuilder()
                .setCustomerId("c-9001").setUpdatedAt(Instant.parse("2026-11-23T10:00:00Z")).build();

        assertThat(record.getKeyAccountTier()).isEqualTo(KeyAccountTier.NONE);
        assertThat(record.getCompany()).isNull();
    }

    @Test
    void registrylessSerdeNamesTheTopicWhenBytesAreNotItsType() {
        var serde = CrmSerdes.withoutRegistry().value(Topics.TOUCHPOINTS_POS);

        assertThatThrownBy(() -> serde.deserializer().deserialize("crm.touchpoints.pos", new byte[] {0, 0, 0, 0, 7, 42}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("crm.touchpoints.pos")
                .hasMessageContaining("TouchpointEvent");
    }

    @Test
    void registryConfigurationPinsConfluentWireFormat() {
        var config = CrmSerdes.withRegistry(URI.create("http://127.0.0.1:8085/")).registryConfig();

        assertThat(config)
                .containsEntry(SchemaResolverConfig.REGISTRY_URL, "http://127.0.0.1:8085/apis/registry/v3")
                .containsEntry(SerdeConfig.ID_HANDLER, "io.apicurio.registry.serde.Default4ByteIdHandler")
                .containsEntry(SerdeConfig.USE_ID, "contentId")
                .containsEntry(SchemaResolverConfig.DEREFERENCE_SCHEMA, true);
    }

    @Test
    void aPlainRegistryAddressLetsProducersRegisterWithoutCredentials() {
        var config = CrmSerdes.withRegistry(URI.create("http://127.0.0.1:8085")).registryConfig();

        assertThat(config).containsEntry(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true)
                .doesNotContainKeys(SchemaResolverConfig.AUTH_USERNAME, SchemaResolverConfig.AUTH_PASSWORD,
                        SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION);
    }

    @Test
    void registryCredentialsTrustStoreAndRegistrationReachTheSerdes() {
        var registry = RegistryConnection.of(URI.create("https://registry.example:8443"))
                .withBasicAuth("notifier-service", "s3cret")
                .withTruststore(Path.of("/etc/touchpoint/registry-truststore.p12"), "store-pass", "PKCS12")
                .withAutoRegister(false);

        var config = CrmSerdes.withRegistry(registry).registryConfig();

        assertThat(config)
                .containsEntry(SchemaResolverConfig.REGISTRY_URL, "https://registry.example:8443/apis/registry/v3")
                .containsEntry(SchemaResolverConfig.AUTH_USERNAME, "notifier-service")
                .containsEntry(SchemaResolverConfig.AUTH_PASSWORD, "s3cret")
                .containsEntry(SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION, "/etc/touchpoint/registry-truststore.p12")
                .containsEntry(SchemaResolverConfig.TLS_TRUSTSTORE_PASSWORD, "store-pass")
                .containsEntry(SchemaResolverConfig.TLS_TRUSTSTORE_TYPE, "PKCS12")
                .containsEntry(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, false);
        assertThat(CrmSerdes.withRegistry(registry).producerConfig())
                .containsEntry(SchemaResolverConfig.AUTH_USERNAME, "notifier-service")
                .containsEntry(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, false);
    }

    @Test
    void aRegistryConnectionNeverShowsItsPasswords() {
        var registry = RegistryConnection.of(URI.create("https://registry.example:8443"))
                .withBasicAuth("notifier-service", "s3cret")
                .withTruststore(Path.of("/etc/touchpoint/registry-truststore.p12"), "store-pass", "PKCS12");

        assertThat(registry.toString()).contains("notifier-service").doesNotContain("s3cret", "store-pass");
    }

    @Test
    void aRegistryUserWithoutPasswordIsRefused() {
        assertThatThrownBy(() -> new RegistryConnection(URI.create("http://r:8080"), Optional.of("u"),
                Optional.empty(), Optional.empty(), Optional.empty(), "PKCS12", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("username and password");
    }

    @Test
    void registrylessSerdesHaveNoRegistryConfiguration() {
        assertThatThrownBy(() -> CrmSerdes.withoutRegistry().registryConfig())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("withRegistry");
    }
}

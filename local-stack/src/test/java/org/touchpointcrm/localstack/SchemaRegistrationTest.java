package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.RegistryConnection;
import org.touchpointcrm.schemas.Topics;

/**
 * Production's registration: services with auto-registration off write nothing until the release step
 * ({@code crmctl schemas register}) has put the schemas in the registry, and then write with the registered ids.
 */
class SchemaRegistrationTest {

    @TempDir
    static Path directory;

    private static EmbeddedRegistry registry;

    @BeforeAll
    static void startRegistry() throws Exception {
        Path home = Path.of(System.getProperty(EmbeddedRegistry.HOME_PROPERTY, "target/apicurio-registry"));
        registry = EmbeddedRegistry.start(home, FreePort.pick(), FreePort.pick(), directory.resolve("registry.log"));
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void withAutoRegistrationOffOnlyTheSchemasRegisteredByCrmctlAreWritten() {
        var serializer = CrmSerdes.withRegistry(RegistryConnection.of(registry.url()).withAutoRegister(false))
                .value(Topics.TOUCHPOINTS_POS).serializer();
        TouchpointEvent purchase = TouchpointEvent.newBuilder()
                .setEventId("registration-1").setOccurredAt(Instant.parse("2026-11-23T10:00:00Z"))
                .setChannel(Channel.POS).setType(TouchpointType.PURCHASE)
                .setCustomer(CustomerIdentifiers.newBuilder().setCustomerId("c-1").build())
                .setAmount(new BigDecimal("25.00")).setCurrency("EUR").setStoreId("tampere-koskikeskus").build();

        assertThatThrownBy(() -> serializer.serialize(Topics.TOUCHPOINTS_POS.name(), purchase))
                .as("a producer that may not register finds no schema in an empty registry")
                .isInstanceOf(RuntimeException.class);

        var run = InProcessCrmctl.run("schemas", "register", "--registry", registry.url().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("crm.touchpoints.pos-value", "crm.campaigns-value")
                .doesNotContain("crm.dlq.segmentation-value");
        long registeredId = Long.parseLong(run.out().lines()
                .filter(line -> line.startsWith("crm.touchpoints.pos-value")).findFirst().orElseThrow()
                .replaceAll(".*\\s", ""));

        byte[] written = serializer.serialize(Topics.TOUCHPOINTS_POS.name(), purchase);
        assertThat(written[0]).as("Confluent's magic byte").isZero();
        assertThat(ByteBuffer.wrap(written, 1, 4).getInt()).isEqualTo(registeredId);
    }
}

package org.touchpointcrm.segmentation.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.schemas.CustomerProfiles;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;

class SerializeOnceTest {

    private final AtomicInteger encoded = new AtomicInteger();
    private final Serde<CustomerProfile> avro = TopologyDrivers.SERDES.avro(CustomerProfile.class);
    private final SerializeOnce<CustomerProfile> serde = new SerializeOnce<>(Serdes.serdeFrom((topic, profile) -> {
        encoded.incrementAndGet();
        return avro.serializer().serialize(topic, profile);
    }, avro.deserializer()));

    @Test
    void theSameProfileWrittenToTheStoreAndTheTopicIsEncodedOnce() {
        CustomerProfile first = CustomerProfiles.empty("c-1", Instant.parse("2026-11-23T10:00:00Z"));
        CustomerProfile profile = CustomerProfiles.empty("c-2", Instant.parse("2026-11-23T10:00:00Z"));
        serde.serializer().serialize("changelog", first);
        serde.serializer().serialize("crm.customer-profiles", first);
        encoded.set(0);

        byte[] toStore = serde.serializer().serialize("changelog", profile);
        byte[] toTopic = serde.serializer().serialize("crm.customer-profiles", profile);

        assertThat(toTopic).isSameAs(toStore);
        assertThat(encoded).hasValue(1);
        assertThat(serde.deserializer().deserialize("crm.customer-profiles", toTopic)).isEqualTo(profile);
    }

    @Test
    void theFirstWriteToEachTopicGoesThroughTheDelegateWhichRegistersThatTopicsSubject() {
        CustomerProfile profile = CustomerProfiles.empty("c-1", Instant.parse("2026-11-23T10:00:00Z"));

        serde.serializer().serialize("changelog", profile);
        serde.serializer().serialize("crm.customer-profiles", profile);

        assertThat(encoded).as("the topic's first write is not answered from the store's bytes").hasValue(2);
    }

    @Test
    void anotherProfileIsEncodedAnew() {
        CustomerProfile first = CustomerProfiles.empty("c-1", Instant.parse("2026-11-23T10:00:00Z"));
        CustomerProfile second = CustomerProfiles.empty("c-2", Instant.parse("2026-11-23T10:00:00Z"));

        serde.serializer().serialize("t", first);
        byte[] bytes = serde.serializer().serialize("t", second);

        assertThat(encoded).hasValue(2);
        assertThat(serde.deserializer().deserialize("t", bytes).getCustomerId()).isEqualTo("c-2");
    }
}

package org.touchpointcrm.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.CustomerIdentifiers;

class CustomerReferenceTest {

    @Test
    void registerIdWinsOverEveryOtherIdentifier() {
        assertThat(CustomerReference.of(new CustomerIdentifiers("c-1", "a@example.fi", "+358401234567", "card-9")))
                .isEqualTo("c-1");
    }

    @Test
    void otherIdentifiersArePrefixedWithTheirKind() {
        assertThat(CustomerReference.of(new CustomerIdentifiers(null, "a@example.fi", "+358401234567", null)))
                .isEqualTo("email:a@example.fi");
        assertThat(CustomerReference.of(new CustomerIdentifiers(" ", null, "+358401234567", null)))
                .isEqualTo("phone:+358401234567");
        assertThat(CustomerReference.of(new CustomerIdentifiers(null, null, null, "card-9"))).isEqualTo("card:card-9");
    }

    @Test
    void aCustomerWithoutIdentifiersIsRefused() {
        assertThatThrownBy(() -> CustomerReference.of(new CustomerIdentifiers(null, null, null, null)))
                .hasMessageContaining("at least one of customerId, email, phone, loyaltyCardId");
    }
}

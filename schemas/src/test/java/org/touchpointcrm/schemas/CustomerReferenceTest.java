package org.touchpointcrm.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.CustomerIdentifiers;

class CustomerReferenceTest {

    @Test
    void registerIdWinsOverEveryOtherIdentifier() {
        assertThat(CustomerReference.of(new CustomerIdentifiers("c-1", "a@example.fi", "+358401234567", "card-9", null)))
                .isEqualTo("c-1");
    }

    @Test
    void otherIdentifiersArePrefixedWithTheirKind() {
        assertThat(CustomerReference.of(new CustomerIdentifiers(null, "a@example.fi", "+358401234567", null, null)))
                .isEqualTo("email:a@example.fi");
        assertThat(CustomerReference.of(new CustomerIdentifiers(" ", null, "+358401234567", null, null)))
                .isEqualTo("phone:+358401234567");
        assertThat(CustomerReference.of(new CustomerIdentifiers(null, null, null, "card-9", null))).isEqualTo("card:card-9");
    }

    @Test
    void anAnonymousVisitorIsKeyedByItsAnonymousIdOnlyWhenNothingElseIsKnown() {
        assertThat(CustomerReference.of(new CustomerIdentifiers(null, null, null, null, "anon-7f3a")))
                .isEqualTo("anon:anon-7f3a");
        assertThat(CustomerReference.of(new CustomerIdentifiers(null, "a@example.fi", null, null, "anon-7f3a")))
                .isEqualTo("email:a@example.fi");
    }

    @Test
    void aCustomerWithoutIdentifiersIsRefused() {
        assertThatThrownBy(() -> CustomerReference.of(new CustomerIdentifiers(null, null, null, null, null)))
                .hasMessageContaining("at least one of customerId, email, phone, loyaltyCardId");
    }
}

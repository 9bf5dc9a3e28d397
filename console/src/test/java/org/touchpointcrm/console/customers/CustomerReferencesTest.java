package org.touchpointcrm.console.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.console.customers.CustomerReferences.Kind;

class CustomerReferencesTest {

    private final CustomerReferences references = new CustomerReferences("FI");

    @Test
    void aPhoneTypedAnyWayFindsTheKeyIngestStoredInE164() {
        assertThat(references.keyOf(Kind.PHONE, "040 123 4567")).isEqualTo("phone:+358401234567");
        assertThat(references.keyOf(Kind.PHONE, "+358 (40) 123-4567")).isEqualTo("phone:+358401234567");
        assertThat(references.keyOf(Kind.PHONE, "0046 70 123 45 67")).isEqualTo("phone:+46701234567");
        assertThat(new CustomerReferences("SE").keyOf(Kind.PHONE, "070-123 45 67")).isEqualTo("phone:+46701234567");
    }

    @Test
    void anEMailKeepsItsLocalPartAndLowerCasesItsDomain() {
        assertThat(references.keyOf(Kind.EMAIL, " Aino.Virtanen@Example.FI ")).isEqualTo("email:Aino.Virtanen@example.fi");
    }

    @Test
    void anIdAndACardAreKeyedAsSegmentationKeysThem() {
        assertThat(references.keyOf(Kind.ID, "c-42")).isEqualTo("c-42");
        assertThat(references.keyOf(Kind.CARD, "LC-9")).isEqualTo("card:LC-9");
    }

    @Test
    void whatIsNotAnAddressOrANumberIsRefusedWithWhatToTellTheUser() {
        assertThatThrownBy(() -> references.keyOf(Kind.EMAIL, "aino.example.fi")).hasMessage("search.invalidEmail");
        assertThatThrownBy(() -> references.keyOf(Kind.PHONE, "12")).hasMessage("search.invalidPhone");
        assertThatThrownBy(() -> references.keyOf(Kind.ID, "a\nb")).hasMessage("search.invalid");
        assertThatThrownBy(() -> references.keyOf(Kind.ID, "x".repeat(201))).hasMessage("search.invalid");
    }
}

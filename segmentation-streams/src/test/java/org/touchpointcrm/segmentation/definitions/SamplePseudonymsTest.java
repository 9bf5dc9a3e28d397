package org.touchpointcrm.segmentation.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A preview's sample shows customers by a keyed hash, never by their ids. */
class SamplePseudonymsTest {

    private final SamplePseudonyms pseudonyms = new SamplePseudonyms("a test key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8));

    @Test
    void aPseudonymHidesTheIdAndStaysTheSameForTheSameCustomer() {
        String pseudonym = pseudonyms.of("email:aino.virtanen@example.fi");

        assertThat(pseudonym).matches("p-[0-9a-f]{16}").doesNotContain("aino", "example");
        assertThat(pseudonyms.of("email:aino.virtanen@example.fi")).isEqualTo(pseudonym);
        assertThat(pseudonyms.of("email:eino.virtanen@example.fi")).isNotEqualTo(pseudonym);
    }

    @Test
    void anotherKeyGivesOtherPseudonyms() {
        assertThat(new SamplePseudonyms().of("c-9001")).isNotEqualTo(pseudonyms.of("c-9001"));
    }
}

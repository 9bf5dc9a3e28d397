package org.touchpointcrm.access.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedTextTest {

    @Test
    void aValueWithinItsLengthAndOnOneLineIsFine() {
        assertThat(BoundedText.problem("c-9001", 128)).isEmpty();
        assertThat(BoundedText.problem(null, 128)).isEmpty();
    }

    @Test
    void aTooLongValueIsRefusedWithItsLength() {
        assertThat(BoundedText.problem("x".repeat(129), 128)).hasValue("is 129 characters long; at most 128 are allowed");
    }

    @Test
    void controlCharactersAreRefusedWithWhereTheyAre() {
        assertThat(BoundedText.problem("c-9\n001", 128)).hasValueSatisfying(reason ->
                assertThat(reason).contains("U+000A", "position 4"));
        assertThat(BoundedText.problem("a\u0000b", 128)).isPresent();
        assertThat(BoundedText.problem("a\u001b[31mb", 128)).isPresent();
        assertThat(BoundedText.problem("a\u2028b", 128)).isPresent();
    }

    @Test
    void aMultiLineTextMayBreakLinesButHoldsNoOtherControlCharacter() {
        assertThat(BoundedText.multiLineProblem("Hyvä palvelu.\r\nKiitos!\t:)", 100)).isEmpty();
        assertThat(BoundedText.multiLineProblem("bell\u0007", 100)).isPresent();
    }

    @Test
    void aQuoteIsAShortPrefixWithTheLengthOfWhatWasCut() {
        String quoted = BoundedText.quote("z".repeat(200_000));

        assertThat(quoted).startsWith("'" + "z".repeat(BoundedText.QUOTE_LENGTH) + "…'").endsWith("(200000 characters)")
                .hasSizeLessThan(BoundedText.QUOTE_LENGTH + 30);
        assertThat(BoundedText.quote("EURO")).isEqualTo("'EURO'");
        assertThat(BoundedText.quote("a\nb")).isEqualTo("'a?b'");
    }
}

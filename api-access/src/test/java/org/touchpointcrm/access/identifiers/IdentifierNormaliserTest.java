package org.touchpointcrm.access.identifiers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.access.identifiers.IdentifierNormaliser.Invalid;
import org.touchpointcrm.access.identifiers.IdentifierNormaliser.Valid;

class IdentifierNormaliserTest {

    private final IdentifierNormaliser normaliser = new IdentifierNormaliser("FI");

    /** Found by fuzzing (docs/security.md): Jakarta Mail takes an RFC 822 group for a valid address. */
    @Test
    void aGroupIsNoEMailAddress() {
        for (String group : new String[] {"team:;", "x:y;", "team: aino@example.fi, eino@example.fi;"}) {
            assertThat(normaliser.email(group)).as(group).isInstanceOfSatisfying(Invalid.class,
                    invalid -> assertThat(invalid.reason()).contains("is not an e-mail address"));
        }
    }

    @Test
    void anOverlongAddressIsRefusedBeforeItIsParsed() {
        assertThat(normaliser.email("a".repeat(300) + "@example.fi")).isInstanceOfSatisfying(Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("at most 254"));
    }

    @Test
    void emailDomainIsLowerCasedButTheLocalPartKeptAsSent() {
        assertThat(normaliser.email("Aino.Virtanen@Example.FI")).isEqualTo(new Valid("Aino.Virtanen@example.fi"));
    }

    @Test
    void emailIsTrimmed() {
        assertThat(normaliser.email("  aino.virtanen@example.fi ")).isEqualTo(new Valid("aino.virtanen@example.fi"));
    }

    @Test
    void textThatIsNoEmailAddressIsInvalidQuotingIt() {
        assertThat(normaliser.email("aino.virtanen(at)example.fi")).isInstanceOfSatisfying(Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("'aino.virtanen(at)example.fi'", "is not an e-mail address"));
    }

    @Test
    void nationalNumberIsReadInTheDefaultRegion() {
        assertThat(normaliser.phone("040 123 4567")).isEqualTo(new Valid("+358401234567"));
    }

    @Test
    void nationalNumberIsReadInTheRegionGiven() {
        assertThat(normaliser.phone("070 123 45 67", "SE")).isEqualTo(new Valid("+46701234567"));
    }

    @Test
    void internationalNumberKeepsItsCountryWhateverTheRegion() {
        assertThat(normaliser.phone("+358 40 123 4567", "SE")).isEqualTo(new Valid("+358401234567"));
    }

    @Test
    void numberTooShortToBeValidIsInvalidShowingE164() {
        assertThat(normaliser.phone("123")).isInstanceOfSatisfying(Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("'123'", "not a valid phone number", "E.164", "+358401234567"));
    }

    @Test
    void textThatIsNoNumberIsInvalidShowingE164() {
        assertThat(normaliser.phone("call me")).isInstanceOfSatisfying(Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("'call me'", "is not a phone number", "E.164"));
    }
}

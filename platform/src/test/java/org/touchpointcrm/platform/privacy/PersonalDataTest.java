package org.touchpointcrm.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void anSmtpRefusalKeepsItsCodeAndLosesTheAddress() {
        assertThat(PersonalData.redact("550 5.1.1 <aino.virtanen@example.fi>: Recipient address rejected"))
                .isEqualTo("550 5.1.1 <[e-mail address]>: Recipient address rejected");
    }

    @Test
    void aGatewayRefusalLosesTheNumber() {
        assertThat(PersonalData.redact("code 21211: The 'To' number +358401234567 is not a valid phone number"))
                .isEqualTo("code 21211: The 'To' number [phone number] is not a valid phone number");
        assertThat(PersonalData.redact("call +358 40 123 4567 now")).isEqualTo("call [phone number] now");
    }

    @Test
    void aKnownRecipientIsRemovedInTheFormTheProviderQuotedIt() {
        assertThat(PersonalData.redact("The 'To' number 0401234567 is not a valid phone number.", "0401234567"))
                .isEqualTo("The 'To' number [recipient] is not a valid phone number.");
    }

    @Test
    void identifierShapedCustomerIdsLoseTheirIdentifier() {
        assertThat(PersonalData.redact("customer email:aino@example.fi, phone:+358401234567 and card:FI-0042-7781"))
                .isEqualTo("customer email:[redacted], phone:[redacted] and card:[redacted]");
    }

    @Test
    void registerIdsTimesAndOffsetsStay() {
        String text = "send 5f0c1d2e of customer c-0001 at 2026-12-07T17:29:22Z, offset 123456789012, partition 3";
        assertThat(PersonalData.redact(text)).isEqualTo(text);
    }

    @Test
    void lineBreaksCannotStartAnotherLine() {
        assertThat(PersonalData.redact("bad\r\n2026-12-07 INFO forged\u2028x"))
                .isEqualTo("bad\\r\\n2026-12-07 INFO forged\\u2028x")
                .doesNotContain("\n", "\r");
    }
}

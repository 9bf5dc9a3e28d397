package org.touchpointcrm.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.Consent;
import org.touchpointcrm.avro.CustomerProfile;

/** The one consent check every service makes: a consent covers the address it was given for (docs/identity.md). */
class CustomerProfilesTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    private static CustomerProfile withConsent(String email, String phone, Channel channel, boolean granted, String address) {
        CustomerProfile p = CustomerProfiles.empty("c-1", AT);
        p.setEmail(email);
        p.setPhone(phone);
        p.getConsents().put(CustomerProfiles.consentKey(channel, "marketing"),
                new Consent(channel, "marketing", granted, AT, "test", "e-1", address));
        return p;
    }

    @Test
    void aGrantCoversTheAddressItWasGivenForOnly() {
        assertThat(CustomerProfiles.consented(withConsent("a@example.fi", null, Channel.EMAIL, true, "a@example.fi"),
                Channel.EMAIL, "marketing")).isTrue();
        assertThat(CustomerProfiles.consented(withConsent("b@example.fi", null, Channel.EMAIL, true, "a@example.fi"),
                Channel.EMAIL, "marketing")).isFalse();
        assertThat(CustomerProfiles.consented(withConsent(null, "+358401234567", Channel.SMS, true, "+358409999999"),
                Channel.SMS, "marketing")).isFalse();
        assertThat(CustomerProfiles.consented(withConsent("a@example.fi", null, Channel.EMAIL, false, "a@example.fi"),
                Channel.EMAIL, "marketing")).as("withdrawn").isFalse();
        assertThat(CustomerProfiles.consented(withConsent("a@example.fi", null, Channel.EMAIL, true, "a@example.fi"),
                Channel.EMAIL, "newsletter")).as("another purpose").isFalse();
    }

    @Test
    void aGrantRecordedBeforeAddressesWereCountsForTheCurrentAddress() {
        assertThat(CustomerProfiles.consented(withConsent("a@example.fi", null, Channel.EMAIL, true, null),
                Channel.EMAIL, "marketing")).isTrue();
    }

    @Test
    void atDeliveryTheGrantMustAlsoCoverTheRecipient() {
        CustomerProfile p = withConsent("a@example.fi", null, Channel.EMAIL, true, "a@example.fi");

        assertThat(CustomerProfiles.consentedFor(p, Channel.EMAIL, "marketing", "a@example.fi")).isTrue();
        assertThat(CustomerProfiles.consentedFor(p, Channel.EMAIL, "marketing", "old@example.fi")).isFalse();
        assertThat(CustomerProfiles.consentedFor(p, Channel.EMAIL, "marketing", null)).isTrue();
    }
}

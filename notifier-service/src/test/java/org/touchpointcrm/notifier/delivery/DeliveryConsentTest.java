package org.touchpointcrm.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;

/** The consent read from the profile query's JSON covers only the address it was given for (docs/identity.md). */
class DeliveryConsentTest {

    private final ProfileQueryStub profiles = newStub();
    private final DeliveryConsent consent = new DeliveryConsent(RestClient.builder(),
            new ProfileQueryProperties(profiles.baseUrl(), "test-key-notifier"));

    @AfterEach
    void stop() {
        profiles.close();
    }

    @Test
    void aGrantForTheProfilesAddressLetsTheMessageGo() {
        profiles.emailConsent("c-1", "EMAIL/marketing", true, "aino@example.fi", "aino@example.fi");

        assertThat(consent.granted(email("c-1", "aino@example.fi"))).isTrue();
    }

    @Test
    void aGrantForAnAddressTheProfileNoLongerHasIsNoConsent() {
        profiles.emailConsent("c-1", "EMAIL/marketing", true, "old@example.fi", "new@example.fi");

        assertThat(consent.granted(email("c-1", "new@example.fi"))).isFalse();
        assertThat(consent.granted(email("c-1", "old@example.fi")))
                .as("nor does it send to the old address the profile no longer holds").isFalse();
    }

    @Test
    void aGrantForTheNewAddressDoesNotCoverAMessageDecidedForTheOldOne() {
        profiles.emailConsent("c-1", "EMAIL/marketing", true, "new@example.fi", "new@example.fi");

        assertThat(consent.granted(email("c-1", "old@example.fi"))).isFalse();
    }

    @Test
    void aGrantRecordedWithoutAnAddressCountsForTheProfilesAddress() {
        profiles.emailConsent("c-1", "EMAIL/marketing", true, null, "aino@example.fi");

        assertThat(consent.granted(email("c-1", "aino@example.fi"))).isTrue();
    }

    private static ProfileQueryStub newStub() {
        try {
            return new ProfileQueryStub();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CampaignMessage email(String customerId, String recipient) {
        return CampaignMessage.newBuilder().setMessageId(UUID.randomUUID().toString()).setCampaignId("welcome")
                .setCustomerId(customerId).setChannel(Channel.EMAIL).setDecision(CampaignDecision.SEND)
                .setRecipient(recipient).setSegmentId("new-customers").setProfileVersion(1)
                .setDecidedAt(Instant.parse("2026-11-23T10:00:00Z")).setConsentPurpose("marketing").setLanguage("fi")
                .build();
    }
}

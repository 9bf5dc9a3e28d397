package org.touchpointcrm.notifier.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.notifier.campaigns.Campaigns.THANK_YOU;
import static org.touchpointcrm.notifier.campaigns.Campaigns.entered;
import static org.touchpointcrm.notifier.campaigns.Campaigns.profile;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;

class SendDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:01Z");
    private final SendDecision decision = new SendDecision(List.of(THANK_YOU));

    @Test
    void enteringTheTriggerSegmentSendsTheCampaignToTheProfilesAddress() {
        List<CampaignMessage> messages = decision.decide(entered("c-1", "purchasers", 1), profile("c-1", 1, "aino@example.fi"), NOW);

        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.getDecision()).isEqualTo(CampaignDecision.SEND);
            assertThat(m.getChannel()).isEqualTo(Channel.EMAIL);
            assertThat(m.getRecipient()).isEqualTo("aino@example.fi");
            assertThat(m.getCampaignId()).isEqualTo("thank-you");
            assertThat(m.getSubject()).isEqualTo("Kiitos!");
            assertThat(m.getDecidedAt()).isEqualTo(NOW);
            assertThat(m.getProfileVersion()).isEqualTo(1);
        });
    }

    @Test
    void aCustomerWithoutAnAddressIsSuppressedWithTheReason() {
        List<CampaignMessage> messages = decision.decide(entered("c-1", "purchasers", 1), profile("c-1", 1, null), NOW);

        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.getDecision()).isEqualTo(CampaignDecision.SUPPRESS);
            assertThat(m.getSuppressionReason()).isEqualTo(SendDecision.NO_ADDRESS);
            assertThat(m.getRecipient()).isNull();
        });
    }

    @Test
    void otherSegmentsAndExitsStartNothing() {
        SegmentChange exited = SegmentChange.newBuilder(entered("c-1", "purchasers", 2)).setKind(SegmentChangeKind.EXITED).build();

        assertThat(decision.decide(entered("c-1", "lapsing", 1), profile("c-1", 1, "a@example.fi"), NOW)).isEmpty();
        assertThat(decision.decide(exited, profile("c-1", 2, "a@example.fi"), NOW)).isEmpty();
    }

    @Test
    void theSameChangeAlwaysGivesTheSameMessageIdAndAnotherChangeAnother() {
        String first = decision.decide(entered("c-1", "purchasers", 1), profile("c-1", 1, "a@example.fi"), NOW).getFirst().getMessageId();
        String again = decision.decide(entered("c-1", "purchasers", 1), profile("c-1", 3, "a@example.fi"), NOW.plusSeconds(60))
                .getFirst().getMessageId();
        String later = decision.decide(entered("c-1", "purchasers", 7), profile("c-1", 7, "a@example.fi"), NOW).getFirst().getMessageId();

        assertThat(again).isEqualTo(first);
        assertThat(later).isNotEqualTo(first);
    }
}

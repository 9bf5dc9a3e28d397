package org.touchpointcrm.notifier.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.notifier.campaigns.Campaigns.DEFAULTS;
import static org.touchpointcrm.notifier.campaigns.Campaigns.NOON;
import static org.touchpointcrm.notifier.campaigns.Campaigns.consent;
import static org.touchpointcrm.notifier.campaigns.Campaigns.entered;
import static org.touchpointcrm.notifier.campaigns.Campaigns.inTimeZone;
import static org.touchpointcrm.notifier.campaigns.Campaigns.profile;
import static org.touchpointcrm.notifier.campaigns.Campaigns.thankYou;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CampaignStatus;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.FrequencyCap;
import org.touchpointcrm.rules.ProfileRuleCompiler;

/** One campaign, one customer: send (on which channel, in which words, from when) or the first reason not to. */
class SendDecisionTest {

    private final SendDecision decision = new SendDecision(new AudienceRules(new ProfileRuleCompiler()), DEFAULTS);

    private CampaignMessage decide(CampaignDefinition campaign, CustomerProfile profile, SendHistory history, Instant now) {
        return decision.decide(campaign, entered(profile.getCustomerId(), "purchasers", profile.getVersion()), profile,
                history, now);
    }

    private CampaignMessage decide(CampaignDefinition campaign, CustomerProfile profile) {
        return decide(campaign, profile, SendHistory.EMPTY, NOON);
    }

    @Test
    void aConsentingCustomerWithAnAddressGetsTheRenderedEmailInTheirLanguageAtOnce() {
        CampaignMessage m = decide(thankYou().build(), profile("c-1", 1, "aino@example.fi"));

        assertThat(m.getDecision()).isEqualTo(CampaignDecision.SEND);
        assertThat(m.getSuppressionReason()).isNull();
        assertThat(m.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(m.getRecipient()).isEqualTo("aino@example.fi");
        assertThat(m.getSubject()).isEqualTo("Kiitos Aino!");
        assertThat(m.getHtmlBody()).isEqualTo("<p>Kiitos ostoksestasi.</p>");
        assertThat(m.getTextBody()).isEqualTo("Kiitos ostoksestasi.");
        assertThat(m.getLanguage()).isEqualTo("fi");
        assertThat(m.getConsentPurpose()).isEqualTo("marketing");
        assertThat(m.getDecidedAt()).isEqualTo(NOON);
        assertThat(m.getSendAt()).isEqualTo(NOON);
        assertThat(m.getCampaignId()).isEqualTo("thank-you");
        assertThat(m.getProfileVersion()).isEqualTo(1);
    }

    @Test
    void theCustomersLanguageIsUsedWhenTheChannelHasItElseTheCampaignsDefault() {
        CustomerProfile english = profile("c-1", 1, "a@example.com");
        english.getMaster().setLanguage("en");
        CustomerProfile swedish = profile("c-2", 1, "b@example.se");
        swedish.getMaster().setLanguage("sv");

        assertThat(decide(thankYou().build(), english).getSubject()).isEqualTo("Thank you Aino!");
        assertThat(decide(thankYou().build(), swedish)).satisfies(m -> {
            assertThat(m.getLanguage()).isEqualTo("fi");
            assertThat(m.getSubject()).isEqualTo("Kiitos Aino!");
        });
    }

    @Test
    void anAddressWithoutConsentForThePurposeIsNoConsent() {
        CustomerProfile profile = profile("c-1", 1, "aino@example.fi");
        profile.getConsents().clear();
        consent(profile, Channel.EMAIL, "newsletter", true);
        profile.setPhone("+358401234567");

        CampaignMessage m = decide(thankYou().build(), profile);

        assertThat(m.getDecision()).isEqualTo(CampaignDecision.SUPPRESS);
        assertThat(m.getSuppressionReason()).isEqualTo("NO_CONSENT");
        assertThat(m.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(m.getRecipient()).isNull();
        assertThat(m.getTextBody()).isNull();
    }

    @Test
    void aGrantForAnotherAddressIsNoConsent() {
        CustomerProfile profile = profile("c-1", 1, "aino@work.example");
        profile.getConsents().get("EMAIL/marketing").setAddress("aino@home.example");

        CampaignMessage m = decide(thankYou().build(), profile);

        assertThat(m.getDecision()).isEqualTo(CampaignDecision.SUPPRESS);
        assertThat(m.getSuppressionReason()).isEqualTo("NO_CONSENT");

        profile.getConsents().get("EMAIL/marketing").setAddress("aino@work.example");
        assertThat(decide(thankYou().build(), profile).getDecision()).isEqualTo(CampaignDecision.SEND);
    }

    @Test
    void aWithdrawnEmailConsentFallsBackToSmsWhenOnlySmsIsConsented() {
        CustomerProfile profile = profile("c-1", 1, "aino@example.fi");
        consent(profile, Channel.EMAIL, "marketing", false);
        consent(profile, Channel.SMS, "marketing", true);
        profile.setPhone("+358401234567");

        CampaignMessage m = decide(thankYou().build(), profile);

        assertThat(m.getDecision()).isEqualTo(CampaignDecision.SEND);
        assertThat(m.getChannel()).isEqualTo(Channel.SMS);
        assertThat(m.getRecipient()).isEqualTo("+358401234567");
        assertThat(m.getTextBody()).isEqualTo("Kiitos ostoksestasi!");
        assertThat(m.getSubject()).isNull();
        assertThat(m.getHtmlBody()).isNull();
    }

    @Test
    void noEmailAddressFallsBackToSms() {
        CustomerProfile profile = consent(profile("c-1", 1, null), Channel.SMS, "marketing", true);
        profile.setPhone("+358401234567");

        CampaignMessage m = decide(thankYou().build(), profile);

        assertThat(m.getDecision()).isEqualTo(CampaignDecision.SEND);
        assertThat(m.getChannel()).isEqualTo(Channel.SMS);
        assertThat(m.getRecipient()).isEqualTo("+358401234567");
    }

    @Test
    void noAddressOnAnyChannelIsNoAddressEvenWithConsents() {
        CustomerProfile profile = consent(profile("c-1", 1, null), Channel.SMS, "marketing", true);

        assertThat(decide(thankYou().build(), profile).getSuppressionReason()).isEqualTo("NO_ADDRESS");
    }

    @Test
    void draftPausedEndedBeforeStartAndAfterEndAreInactive() {
        CustomerProfile profile = profile("c-1", 1, "aino@example.fi");
        List<CampaignDefinition> inactive = List.of(
                thankYou().setStatus(CampaignStatus.DRAFT).build(),
                thankYou().setStatus(CampaignStatus.PAUSED).build(),
                thankYou().setStatus(CampaignStatus.ENDED).build(),
                thankYou().setStartAt(NOON.plusSeconds(1)).build(),
                thankYou().setEndAt(NOON).build());

        assertThat(inactive).allSatisfy(campaign ->
                assertThat(decide(campaign, profile).getSuppressionReason()).isEqualTo("CAMPAIGN_INACTIVE"));
        assertThat(decide(thankYou().setStartAt(NOON).setEndAt(NOON.plusSeconds(1)).build(), profile).getDecision())
                .isEqualTo(CampaignDecision.SEND);
    }

    @Test
    void anAudienceRuleThatIsFalseSuppressesBeforeAnyOtherCheck() {
        CustomerProfile profile = profile("c-1", 1, "aino@example.fi");
        CampaignDefinition twoPurchases = thankYou().setAudience("profile.purchases.count >= 2").build();

        assertThat(decide(twoPurchases, profile).getSuppressionReason()).isEqualTo("NOT_IN_AUDIENCE");
        assertThat(decide(thankYou().setAudience("profile.purchases.count >= 2").setStatus(CampaignStatus.DRAFT).build(),
                profile("c-2", 1, null)).getSuppressionReason()).isEqualTo("NOT_IN_AUDIENCE");

        profile.getPurchases().setCount(2L);
        assertThat(decide(twoPurchases, profile).getDecision()).isEqualTo(CampaignDecision.SEND);
    }

    @Test
    void theControlGroupIsTheSameEveryTimeAndAboutTheHoldoutShare() {
        CampaignDefinition tenPercent = thankYou().setHoldoutPercent(10).build();
        var heldOut = new ArrayList<String>();
        for (int i = 0; i < 1000; i++) {
            String customerId = "c-" + i;
            CampaignMessage first = decide(tenPercent, profile(customerId, 1, "x@example.fi"));
            CampaignMessage again = decide(tenPercent, profile(customerId, 5, "x@example.fi"), SendHistory.EMPTY,
                    NOON.plus(Duration.ofDays(3)));
            assertThat(again.getSuppressionReason()).as(customerId).isEqualTo(first.getSuppressionReason());
            if ("CONTROL_GROUP".equals(first.getSuppressionReason())) {
                heldOut.add(customerId);
            }
        }

        assertThat(heldOut).hasSizeBetween(80, 120);
        assertThat(decide(thankYou().setHoldoutPercent(0).build(), profile(heldOut.getFirst(), 1, "x@example.fi"))
                .getDecision()).isEqualTo(CampaignDecision.SEND);
    }

    @Test
    void theGlobalCapCountsSendsOfEveryCampaignWithinThePeriod() {
        CustomerProfile profile = profile("c-1", 1, "aino@example.fi");
        SendHistory three = SendHistory.EMPTY
                .plus("welcome", NOON.minus(Duration.ofDays(6)), Duration.ofDays(7))
                .plus("win-back", NOON.minus(Duration.ofDays(1)), Duration.ofDays(7))
                .plus("thank-you", NOON, Duration.ofDays(7));

        assertThat(decide(thankYou().build(), profile, three, NOON).getSuppressionReason()).isEqualTo("GLOBAL_CAP");
        // the oldest send is a full period old a day later: two count, so one more may go
        assertThat(decide(thankYou().build(), profile, three, NOON.plus(Duration.ofDays(1))).getDecision())
                .isEqualTo(CampaignDecision.SEND);
    }

    @Test
    void theCampaignCapCountsOnlyThatCampaignsSends() {
        CustomerProfile profile = profile("c-1", 1, "aino@example.fi");
        CampaignDefinition oncePerMonth = thankYou().setFrequencyCap(new FrequencyCap(1, "P30D")).build();
        SendHistory otherCampaign = SendHistory.EMPTY.plus("welcome", NOON.minus(Duration.ofDays(1)), Duration.ofDays(30));
        SendHistory thisCampaign = otherCampaign.plus("thank-you", NOON.minus(Duration.ofDays(29)), Duration.ofDays(30));

        assertThat(decide(oncePerMonth, profile, otherCampaign, NOON).getDecision()).isEqualTo(CampaignDecision.SEND);
        assertThat(decide(oncePerMonth, profile, thisCampaign, NOON).getSuppressionReason()).isEqualTo("CAMPAIGN_CAP");
        assertThat(decide(oncePerMonth, profile, thisCampaign, NOON.plus(Duration.ofDays(1))).getDecision())
                .isEqualTo(CampaignDecision.SEND);
    }

    @Test
    void quietHoursDeferTheSendToTheirEndInTheCustomersOwnTimeZone() {
        // 20:30 UTC: 22:30 in Helsinki (quiet), 15:30 in New York (not)
        Instant evening = Instant.parse("2026-11-23T20:30:00Z");

        CampaignMessage helsinki = decide(thankYou().build(), inTimeZone(profile("c-1", 1, "a@example.fi"), "Europe/Helsinki"),
                SendHistory.EMPTY, evening);
        CampaignMessage newYork = decide(thankYou().build(), inTimeZone(profile("c-2", 1, "b@example.com"), "America/New_York"),
                SendHistory.EMPTY, evening);
        CampaignMessage noZone = decide(thankYou().build(), profile("c-3", 1, "c@example.fi"), SendHistory.EMPTY, evening);

        assertThat(helsinki.getSendAt()).isEqualTo(Instant.parse("2026-11-24T06:00:00Z"));   // 08:00 in Helsinki
        assertThat(helsinki.getDecidedAt()).isEqualTo(evening);
        assertThat(newYork.getSendAt()).isEqualTo(evening);
        assertThat(noZone.getSendAt()).as("the default zone, Helsinki").isEqualTo(Instant.parse("2026-11-24T06:00:00Z"));
    }

    @Test
    void theSameChangeAlwaysGivesTheSameMessageIdAndAnotherChangeAnother() {
        CampaignDefinition campaign = thankYou().build();
        String first = decision.decide(campaign, entered("c-1", "purchasers", 1), profile("c-1", 1, "a@example.fi"),
                SendHistory.EMPTY, NOON).getMessageId();
        String again = decision.decide(campaign, entered("c-1", "purchasers", 1), profile("c-1", 3, "a@example.fi"),
                SendHistory.EMPTY, NOON.plusSeconds(60)).getMessageId();
        String later = decision.decide(campaign, entered("c-1", "purchasers", 7), profile("c-1", 7, "a@example.fi"),
                SendHistory.EMPTY, NOON).getMessageId();
        String otherCampaign = decision.decide(campaign("other"), entered("c-1", "purchasers", 1),
                profile("c-1", 1, "a@example.fi"), SendHistory.EMPTY, NOON).getMessageId();

        assertThat(again).isEqualTo(first);
        assertThat(later).isNotEqualTo(first);
        assertThat(otherCampaign).isNotEqualTo(first);
    }

    private static CampaignDefinition campaign(String id) {
        return Campaigns.campaign(id).build();
    }
}

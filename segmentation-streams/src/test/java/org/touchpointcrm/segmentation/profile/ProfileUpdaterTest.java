package org.touchpointcrm.segmentation.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.KeyAccountTier;
import org.touchpointcrm.avro.LifecycleStage;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.CustomerProfiles;
import org.touchpointcrm.schemas.fixtures.Touchpoints;

class ProfileUpdaterTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final ProfileUpdater updater = new ProfileUpdater(new ProfileDerivations(ProfileSettings.DEFAULTS));

    private CustomerProfile apply(CustomerProfile profile, TouchpointEvent event) {
        return updater.apply(profile, "c-1", event, NOW);
    }

    private CustomerProfile applyAll(TouchpointEvent... events) {
        CustomerProfile p = null;
        for (TouchpointEvent e : events) {
            p = apply(p, e);
        }
        return p;
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    private static TouchpointEvent purchase(String amount, Instant at) {
        return Touchpoints.purchase("c-1", amount, at);
    }

    private static TouchpointEvent of(Channel channel, TouchpointType type, Instant at) {
        return Touchpoints.event("c-1", channel, type, at).build();
    }

    @Test
    void aWebVisitCountsAsAContactWithItsTimes() {
        CustomerProfile p = applyAll(Touchpoints.webVisit("c-1", daysAgo(3)), Touchpoints.webVisit("c-1", daysAgo(5)));

        assertThat(p.getVersion()).isEqualTo(2);
        assertThat(p.getContactsByChannel().get("WEB").getCount()).isEqualTo(2);
        assertThat(p.getContactsByChannel().get("WEB").getFirstAt()).isEqualTo(daysAgo(5));
        assertThat(p.getContactsByType().get("WEB_VISIT").getLastAt()).isEqualTo(daysAgo(3));
        assertThat(p.getFirstSeenAt()).isEqualTo(daysAgo(5));
        assertThat(p.getLastSeenAt()).isEqualTo(daysAgo(3));
        assertThat(p.getPurchases().getCount()).isZero();
        assertThat(p.getLifecycleStage()).isEqualTo(LifecycleStage.PROSPECT);
        assertThat(p.getRfm().getRecency()).isZero();
        assertThat(p.getEmail()).isEqualTo("c-1@example.fi");
    }

    @Test
    void purchasesSumSpendAverageBasketAndWindowsPerCurrency() {
        CustomerProfile p = applyAll(purchase("10.00", daysAgo(10)), purchase("20.00", daysAgo(40)),
                purchase("40.00", daysAgo(200)), purchase("5.00", daysAgo(400)));

        assertThat(p.getPurchases().getCount()).isEqualTo(4);
        assertThat(p.getPurchases().getSpendByCurrency().get("EUR")).isEqualByComparingTo("75.00");
        assertThat(p.getPurchases().getAverageBasketByCurrency().get("EUR")).isEqualByComparingTo("18.75");
        assertThat(p.getPurchases().getFirstAt()).isEqualTo(daysAgo(400));
        assertThat(p.getPurchases().getLastAt()).isEqualTo(daysAgo(10));
        assertThat(p.getWindows().getPurchases30d()).isEqualTo(1);
        assertThat(p.getWindows().getPurchases90d()).isEqualTo(2);
        assertThat(p.getWindows().getPurchases365d()).isEqualTo(3);
        assertThat(p.getWindows().getSpend90d().get("EUR")).isEqualByComparingTo("30.00");
        assertThat(p.getWindows().getSpend365d().get("EUR")).isEqualByComparingTo("70.00");
        assertThat(p.getPurchaseDays()).hasSize(3);
        assertThat(p.getLastPurchaseDayBeforeWindow()).isEqualTo(LocalDate.of(2025, 10, 19));
    }

    @Test
    void windowBoundariesAreWholeUtcDaysIncludingToday() {
        CustomerProfile p = applyAll(purchase("1.00", daysAgo(29)), purchase("1.00", daysAgo(30)),
                purchase("1.00", daysAgo(364)), purchase("1.00", daysAgo(365)));

        assertThat(p.getWindows().getPurchases30d()).isEqualTo(1);
        assertThat(p.getWindows().getPurchases90d()).isEqualTo(2);
        assertThat(p.getWindows().getPurchases365d()).isEqualTo(3);
    }

    @Test
    void windowsSlideWithTimeAndDaysOutsideTheLongestWindowArePruned() {
        CustomerProfile p = applyAll(purchase("10.00", daysAgo(10)), purchase("20.00", daysAgo(300)));
        var derivations = new ProfileDerivations(ProfileSettings.DEFAULTS);

        derivations.refresh(p, NOW.plus(Duration.ofDays(70)));

        assertThat(p.getWindows().getPurchases30d()).isZero();
        assertThat(p.getWindows().getPurchases90d()).isEqualTo(1);
        assertThat(p.getWindows().getPurchases365d()).isEqualTo(1);
        assertThat(p.getPurchaseDays()).hasSize(1);
        assertThat(p.getLastPurchaseDayBeforeWindow()).isEqualTo(LocalDate.ofInstant(daysAgo(300), java.time.ZoneOffset.UTC));
    }

    @Test
    void returnsAreCountedApartFromGrossSpend() {
        CustomerProfile p = applyAll(purchase("50.00", daysAgo(3)),
                Touchpoints.event("c-1", Channel.POS, TouchpointType.RETURN, daysAgo(1))
                        .setAmount(new BigDecimal("20.00")).setCurrency("EUR").build());

        assertThat(p.getPurchases().getReturnCount()).isEqualTo(1);
        assertThat(p.getPurchases().getReturnsByCurrency().get("EUR")).isEqualByComparingTo("20.00");
        assertThat(p.getPurchases().getSpendByCurrency().get("EUR")).isEqualByComparingTo("50.00");
        assertThat(p.getPurchaseDays()).extracting(d -> d.getReturns()).containsExactly(0, 1);
    }

    @Test
    void rfmScoresFollowTheConfiguredThresholds() {
        CustomerProfile loyal = applyAll(purchase("300.00", daysAgo(5)), purchase("300.00", daysAgo(20)),
                purchase("300.00", daysAgo(50)), purchase("300.00", daysAgo(80)), purchase("300.00", daysAgo(100)));
        assertThat(loyal.getRfm().getRecency()).isEqualTo(5);
        assertThat(loyal.getRfm().getFrequency()).isEqualTo(4);
        assertThat(loyal.getRfm().getMonetary()).isEqualTo(4);
        assertThat(loyal.getRfm().getDaysSinceLastPurchase()).isEqualTo(5);

        CustomerProfile faded = applyAll(purchase("20.00", daysAgo(200)));
        assertThat(faded.getRfm().getRecency()).isEqualTo(2);
        assertThat(faded.getRfm().getFrequency()).isEqualTo(1);
        assertThat(faded.getRfm().getMonetary()).isEqualTo(1);
    }

    @Test
    void spendInAnotherCurrencyDoesNotCountTowardsMonetaryValue() {
        CustomerProfile p = applyAll(Touchpoints.event("c-1", Channel.POS, TouchpointType.PURCHASE, daysAgo(1))
                .setAmount(new BigDecimal("5000.00")).setCurrency("SEK").build());

        assertThat(p.getRfm().getMonetary()).isEqualTo(1);
        assertThat(p.getWindows().getSpend30d()).containsOnlyKeys("SEK");
    }

    @Test
    void lifeCycleMovesFromNewToActiveLapsingAndDormant() {
        assertThat(applyAll(purchase("1.00", daysAgo(2))).getLifecycleStage()).isEqualTo(LifecycleStage.NEW);
        assertThat(applyAll(purchase("1.00", daysAgo(60)), purchase("1.00", daysAgo(45))).getLifecycleStage())
                .isEqualTo(LifecycleStage.ACTIVE);
        assertThat(applyAll(purchase("1.00", daysAgo(120))).getLifecycleStage()).isEqualTo(LifecycleStage.LAPSING);
        assertThat(applyAll(purchase("1.00", daysAgo(181))).getLifecycleStage()).isEqualTo(LifecycleStage.DORMANT);
    }

    @Test
    void aPurchaseAfterADormantGapIsAWinBackUntilItIsNinetyDaysOld() {
        CustomerProfile p = applyAll(purchase("1.00", daysAgo(400)), purchase("1.00", daysAgo(10)));
        assertThat(p.getLifecycleStage()).isEqualTo(LifecycleStage.WON_BACK);

        new ProfileDerivations(ProfileSettings.DEFAULTS).refresh(p, NOW.plus(Duration.ofDays(80)));
        assertThat(p.getLifecycleStage()).isEqualTo(LifecycleStage.LAPSING);
    }

    @Test
    void aShortGapIsNoWinBack() {
        assertThat(applyAll(purchase("1.00", daysAgo(100)), purchase("1.00", daysAgo(10))).getLifecycleStage())
                .isEqualTo(LifecycleStage.ACTIVE);
    }

    @Test
    void engagementCountsEmailReactionsAndSmsReplies() {
        CustomerProfile p = applyAll(of(Channel.EMAIL, TouchpointType.MESSAGE_SENT, daysAgo(9)),
                of(Channel.EMAIL, TouchpointType.MESSAGE_DELIVERED, daysAgo(9)),
                of(Channel.EMAIL, TouchpointType.MESSAGE_OPENED, daysAgo(8)),
                of(Channel.EMAIL, TouchpointType.MESSAGE_CLICKED, daysAgo(7)),
                Touchpoints.event("c-1", Channel.SMS, TouchpointType.SMS_REPLY, daysAgo(2)).setText("Kiitos").build());

        var e = p.getEngagement();
        assertThat(e.getEmailsSent()).isEqualTo(1);
        assertThat(e.getEmailOpens()).isEqualTo(1);
        assertThat(e.getEmailClicks()).isEqualTo(1);
        assertThat(e.getSmsReplies()).isEqualTo(1);
        assertThat(e.getLastEmailEngagementAt()).isEqualTo(daysAgo(7));
        assertThat(e.getLastSmsEngagementAt()).isEqualTo(daysAgo(2));
        assertThat(e.getLastEngagementAt()).isEqualTo(daysAgo(2));
    }

    @Test
    void newestConsentWinsWhateverTheArrivalOrder() {
        TouchpointEvent given = Touchpoints.event("c-1", Channel.EMAIL, TouchpointType.CONSENT_GIVEN, daysAgo(5))
                .setConsentPurpose("marketing").build();
        TouchpointEvent withdrawn = Touchpoints.event("c-1", Channel.EMAIL, TouchpointType.CONSENT_WITHDRAWN, daysAgo(2))
                .setConsentPurpose("marketing").build();

        for (CustomerProfile p : new CustomerProfile[] {applyAll(given, withdrawn), applyAll(withdrawn, given)}) {
            var consent = p.getConsents().get("EMAIL/marketing");
            assertThat(consent.getGranted()).isFalse();
            assertThat(consent.getAt()).isEqualTo(daysAgo(2));
            assertThat(consent.getEventId()).isEqualTo(withdrawn.getEventId());
        }
    }

    @Test
    void anUnsubscribeWithdrawsMarketingConsentOnItsChannel() {
        CustomerProfile p = applyAll(
                Touchpoints.event("c-1", Channel.EMAIL, TouchpointType.CONSENT_GIVEN, daysAgo(5)).setConsentPurpose("marketing").build(),
                of(Channel.EMAIL, TouchpointType.UNSUBSCRIBED, daysAgo(1)));

        assertThat(p.getConsents().get("EMAIL/marketing").getGranted()).isFalse();
        assertThat(p.getEngagement().getUnsubscribes()).isEqualTo(1);
    }

    @Test
    void anOldMessagesUnsubscribeLinkReplayedCannotUndoALaterReConsent() {
        TouchpointEvent given = consent(TouchpointType.CONSENT_GIVEN, daysAgo(10));
        TouchpointEvent unsubscribe = unsubscribeFromLink(daysAgo(8), daysAgo(7));
        TouchpointEvent reConsent = consent(TouchpointType.CONSENT_GIVEN, daysAgo(3));
        // The same link used again today (past the duplicate window, or with an edited event id): the same message.
        TouchpointEvent replay = TouchpointEvent.newBuilder(unsubscribe).setEventId("replayed").setOccurredAt(daysAgo(0)).build();

        for (CustomerProfile p : new CustomerProfile[] {applyAll(given, unsubscribe, reConsent, replay),
                applyAll(given, reConsent, unsubscribe, replay), applyAll(given, replay, reConsent)}) {
            var consent = p.getConsents().get("EMAIL/marketing");
            assertThat(consent.getGranted()).isTrue();
            assertThat(consent.getEventId()).isEqualTo(reConsent.getEventId());
        }
    }

    @Test
    void anUnsubscribeLinkWithdrawsTheConsentItsMessageWasSentUnderHoweverLateItIsUsed() {
        CustomerProfile p = applyAll(consent(TouchpointType.CONSENT_GIVEN, daysAgo(10)),
                consent(TouchpointType.CONSENT_GIVEN, daysAgo(9)), unsubscribeFromLink(daysAgo(8), daysAgo(0)));

        var consent = p.getConsents().get("EMAIL/marketing");
        assertThat(consent.getGranted()).isFalse();
        assertThat(consent.getAt()).as("as of the message's hand-over").isEqualTo(daysAgo(8));
    }

    private static TouchpointEvent consent(TouchpointType type, Instant at) {
        return Touchpoints.event("c-1", Channel.EMAIL, type, at).setConsentPurpose("marketing").build();
    }

    /** What the notifier writes for a one-click unsubscribe: the message's send time rides in the signed link. */
    private static TouchpointEvent unsubscribeFromLink(Instant messageSentAt, Instant clickedAt) {
        return Touchpoints.event("c-1", Channel.EMAIL, TouchpointType.UNSUBSCRIBED, clickedAt)
                .setConsentPurpose("marketing").setMessageSentAt(messageSentAt).build();
    }

    @Test
    void feedbackKeepsRatingsAndTheNewestRating() {
        CustomerProfile p = applyAll(
                Touchpoints.event("c-1", Channel.WEB, TouchpointType.FEEDBACK, daysAgo(1)).setText("Hyvä").setRating(5).build(),
                Touchpoints.event("c-1", Channel.WEB, TouchpointType.FEEDBACK, daysAgo(3)).setText("Huono").setRating(2).build(),
                Touchpoints.event("c-1", Channel.WEB, TouchpointType.FEEDBACK, daysAgo(2)).setText("Ehdotus").build());

        var f = p.getFeedback();
        assertThat(f.getCount()).isEqualTo(3);
        assertThat(f.getRatings()).isEqualTo(2);
        assertThat(f.getAverageRating()).isEqualTo(3.5);
        assertThat(f.getLastRating()).isEqualTo(5);
        assertThat(f.getLastRatedAt()).isEqualTo(daysAgo(1));
        assertThat(CustomerProfile.newBuilder(p).build().getFeedback().getLastRatedAt()).isEqualTo(daysAgo(1));
        assertThat(f.getLastAt()).isEqualTo(daysAgo(1));
    }

    @Test
    void theRegisterGivesMasterDataAndItsAddressesWin() {
        CustomerProfile p = applyAll(Touchpoints.webVisit("c-1", daysAgo(1)));
        CustomerRecord record = register("Aino", "aino@example.fi", Instant.parse("2026-11-20T00:00:00Z"));

        p = updater.applyMaster(p, "c-1", record, NOW);

        assertThat(p.getMaster().getRegion()).isEqualTo("Pirkanmaa");
        assertThat(p.getMaster().getKeyAccountTier()).isEqualTo(KeyAccountTier.GOLD);
        assertThat(p.getEmail()).isEqualTo("aino@example.fi");
        assertThat(p.getSeenEmail().getValue()).isEqualTo("c-1@example.fi");
        assertThat(p.getVersion()).isEqualTo(2);
        assertThat(p.getLastEventId()).isNull();
    }

    @Test
    void anOlderOrRepeatedRegisterRecordChangesNothing() {
        CustomerProfile p = updater.applyMaster(null, "c-1", register("Aino", null, Instant.parse("2026-11-20T00:00:00Z")), NOW);

        assertThat(updater.applyMaster(p, "c-1", register("Old", null, Instant.parse("2026-11-01T00:00:00Z")), NOW)).isNull();
        assertThat(updater.applyMaster(p, "c-1", register("Aino", null, Instant.parse("2026-11-20T00:00:00Z")), NOW)).isNull();
        assertThat(p.getMaster().getFirstName()).isEqualTo("Aino");
        assertThat(p.getFirstSeenAt()).isNull();
    }

    @Test
    void theNewestAddressSeenOnATouchpointIsKeptWhateverTheArrivalOrder() {
        TouchpointEvent newer = Touchpoints.event("c-1", Channel.WEB, TouchpointType.WEB_VISIT, daysAgo(1)).build();
        newer.getCustomer().setEmail("new@example.fi");
        TouchpointEvent older = Touchpoints.event("c-1", Channel.WEB, TouchpointType.WEB_VISIT, daysAgo(9)).build();
        older.getCustomer().setEmail("old@example.fi");

        assertThat(applyAll(newer, older).getEmail()).isEqualTo("new@example.fi");
        assertThat(applyAll(older, newer).getEmail()).isEqualTo("new@example.fi");
    }

    @Test
    void aConsentIsRecordedForTheAddressItWasGivenFor() {
        TouchpointEvent byMail = Touchpoints.event("c-1", Channel.EMAIL, TouchpointType.CONSENT_GIVEN, daysAgo(3))
                .setConsentPurpose("newsletter").build();
        TouchpointEvent bySms = Touchpoints.event("c-1", Channel.SMS, TouchpointType.CONSENT_GIVEN, daysAgo(2))
                .setConsentPurpose("marketing").build();
        bySms.getCustomer().setPhone("+358401234567");
        TouchpointEvent unnamed = Touchpoints.event("c-1", Channel.EMAIL, TouchpointType.CONSENT_GIVEN, daysAgo(1))
                .setConsentPurpose("marketing").build();
        unnamed.getCustomer().setEmail(null);

        CustomerProfile p = applyAll(byMail, bySms, unnamed);

        assertThat(p.getConsents().get("EMAIL/newsletter").getAddress()).isEqualTo("c-1@example.fi");
        assertThat(p.getConsents().get("SMS/marketing").getAddress()).isEqualTo("+358401234567");
        assertThat(p.getConsents().get("EMAIL/marketing").getAddress())
                .as("an event naming no address: the profile's address at the time").isEqualTo("c-1@example.fi");
    }

    @Test
    void anAddressChangeDoesNotCarryTheOldAddressesGrantToTheNewOne() {
        TouchpointEvent grant = Touchpoints.event("c-1", Channel.EMAIL, TouchpointType.CONSENT_GIVEN, daysAgo(5))
                .setConsentPurpose("marketing").build();
        TouchpointEvent moved = Touchpoints.webVisit("c-1", daysAgo(1));
        moved.getCustomer().setEmail("new@example.fi");
        CustomerProfile p = applyAll(grant);
        assertThat(CustomerProfiles.consented(p, Channel.EMAIL, "marketing")).isTrue();

        p = apply(p, moved);
        assertThat(p.getEmail()).isEqualTo("new@example.fi");
        assertThat(CustomerProfiles.consented(p, Channel.EMAIL, "marketing")).isFalse();

        p = updater.applyMaster(p, "c-1", register("Aino", "c-1@example.fi", NOW), NOW);
        assertThat(CustomerProfiles.consented(p, Channel.EMAIL, "marketing"))
                .as("back at the address the grant was given for").isTrue();
    }

    static CustomerRecord register(String firstName, String email, Instant updatedAt) {
        return CustomerRecord.newBuilder().setCustomerId("c-1").setFirstName(firstName).setLastName("Virtanen")
                .setEmail(email).setRegion("Pirkanmaa").setMunicipality("Tampere").setCountry("FI")
                .setKeyAccountTier(KeyAccountTier.GOLD).setUpdatedAt(updatedAt).setSource("test").build();
    }
}

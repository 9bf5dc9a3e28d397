package org.touchpointcrm.segmentation.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CountedTouchpoint;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.CustomerProfiles;
import org.touchpointcrm.schemas.fixtures.Touchpoints;
import org.touchpointcrm.segmentation.dedupe.CountedTouchpoints;

class ProfileMergerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final ProfileUpdater updater = new ProfileUpdater(new ProfileDerivations(ProfileSettings.DEFAULTS));
    private final ProfileMerger merger = new ProfileMerger(updater);

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    private CustomerProfile profile(String customerId, TouchpointEvent... events) {
        CustomerProfile p = null;
        for (TouchpointEvent e : events) {
            p = updater.apply(p, customerId, e, NOW);
        }
        return p;
    }

    private static TouchpointEvent consent(boolean granted, String email, Instant at) {
        TouchpointEvent e = Touchpoints.event("x", Channel.EMAIL,
                granted ? TouchpointType.CONSENT_GIVEN : TouchpointType.CONSENT_WITHDRAWN, at)
                .setConsentPurpose("marketing").build();
        e.getCustomer().setEmail(email);
        return e;
    }

    private static TouchpointEvent visit(String email, Instant at) {
        TouchpointEvent e = Touchpoints.webVisit("x", at);
        e.getCustomer().setEmail(email);
        return e;
    }

    @Test
    void countsAndSumsAddAndTimesAreTheEarliestAndLatest() {
        CustomerProfile survivor = profile("c-1", Touchpoints.purchase("c-1", "10.00", daysAgo(5)),
                Touchpoints.emailOpened("c-1", daysAgo(2)));
        CustomerProfile retired = profile("anon:v-1", Touchpoints.purchase("c-1", "30.00", daysAgo(50)),
                Touchpoints.webVisit("c-1", daysAgo(1)));

        CustomerProfile merged = merger.merge(survivor, retired, NOW).profile();

        assertThat(merged.getCustomerId()).isEqualTo("c-1");
        assertThat(merged.getPurchases().getCount()).isEqualTo(2);
        assertThat(merged.getPurchases().getSpendByCurrency().get("EUR")).isEqualByComparingTo("40.00");
        assertThat(merged.getPurchases().getAverageBasketByCurrency().get("EUR")).isEqualByComparingTo("20.00");
        assertThat(merged.getPurchases().getFirstAt()).isEqualTo(daysAgo(50));
        assertThat(merged.getContactsByChannel().get("POS").getCount()).isEqualTo(2);
        assertThat(merged.getContactsByChannel().get("WEB").getCount()).isEqualTo(1);
        assertThat(merged.getEngagement().getEmailOpens()).isEqualTo(1);
        assertThat(merged.getFirstSeenAt()).isEqualTo(daysAgo(50));
        assertThat(merged.getLastSeenAt()).isEqualTo(daysAgo(1));
        assertThat(merged.getWindows().getPurchases90d()).isEqualTo(2);
        assertThat(merged.getPurchaseDays()).hasSize(2);
        assertThat(merged.getRfm().getFrequency()).isEqualTo(2);
    }

    @Test
    void anEventBothCountedIsCountedOnceOnceUncountedFromTheRetired() {
        TouchpointEvent both = Touchpoints.purchase("c-1", "25.00", daysAgo(3));
        CustomerProfile survivor = profile("c-1", both);
        CustomerProfile retired = profile("card:42", Touchpoints.retried(both),
                Touchpoints.purchase("c-1", "5.00", daysAgo(3)));

        updater.uncount(retired, CountedTouchpoints.of(both), NOW);
        CustomerProfile merged = merger.merge(survivor, retired, NOW).profile();

        assertThat(merged.getPurchases().getCount()).isEqualTo(2);
        assertThat(merged.getPurchases().getSpendByCurrency().get("EUR")).isEqualByComparingTo("30.00");
        assertThat(merged.getContactsByType().get("PURCHASE").getCount()).isEqualTo(2);
        assertThat(merged.getPurchaseDays()).singleElement()
                .satisfies(day -> assertThat(day.getPurchases()).isEqualTo(2));
        assertThat(merged.getWindows().getSpend30d().get("EUR")).isEqualByComparingTo("30.00");
    }

    @Test
    void uncountingTheOnlyEventLeavesNothingCounted() {
        TouchpointEvent feedback = Touchpoints.event("c-1", Channel.WEB, TouchpointType.FEEDBACK, daysAgo(1))
                .setRating(4).build();
        CustomerProfile p = profile("c-1", feedback);

        updater.uncount(p, CountedTouchpoints.of(feedback), NOW);

        assertThat(p.getContactsByChannel()).isEmpty();
        assertThat(p.getContactsByType()).isEmpty();
        assertThat(p.getFeedback().getCount()).isZero();
        assertThat(p.getFeedback().getRatings()).isZero();
        assertThat(p.getFeedback().getRatingSum()).isZero();
        assertThat(p.getFeedback().getAverageRating()).isNull();
    }

    @Test
    void aCountedTouchpointKeepsWhatItAddedToTheCounts() {
        TouchpointEvent purchase = Touchpoints.purchase("c-1", "12.50", daysAgo(1));

        CountedTouchpoint counted = CountedTouchpoints.of(purchase);

        assertThat(counted.getEventId()).isEqualTo(purchase.getEventId());
        assertThat(counted.getType()).isEqualTo(TouchpointType.PURCHASE);
        assertThat(counted.getChannel()).isEqualTo(Channel.POS);
        assertThat(counted.getOccurredAt()).isEqualTo(daysAgo(1));
        assertThat(counted.getAmount()).isEqualByComparingTo(new BigDecimal("12.50"));
        assertThat(counted.getCurrency()).isEqualTo("EUR");
        assertThat(counted.getRating()).isNull();
    }

    @Test
    void masterDataComesFromTheSurvivorUnlessOnlyTheRetiredHasIt() {
        CustomerProfile registered = updater.applyMaster(null, "c-1",
                ProfileUpdaterTest.register("Aino", "aino@example.fi", daysAgo(9)), NOW);
        CustomerProfile other = updater.applyMaster(null, "c-1",
                ProfileUpdaterTest.register("Other", "other@example.fi", daysAgo(1)), NOW);

        assertThat(merger.merge(registered, other, NOW).profile().getMaster().getFirstName()).isEqualTo("Aino");
        CustomerProfile onlyRetiredKnown = merger.merge(profile("anon:v-2", Touchpoints.webVisit("x", daysAgo(1))),
                updater.applyMaster(null, "c-2", ProfileUpdaterTest.register("Aino", "aino@example.fi", daysAgo(9)), NOW),
                NOW).profile();
        assertThat(onlyRetiredKnown.getMaster().getFirstName()).isEqualTo("Aino");
        assertThat(onlyRetiredKnown.getEmail()).isEqualTo("aino@example.fi");
    }

    @Test
    void identifiersAndMergedFromAreUnitedWithTheRetiredId() {
        CustomerProfile survivor = profile("email:a@example.fi", Touchpoints.webVisit("x", daysAgo(1)));
        survivor.setIdentifiers(List.of("email:a@example.fi"));
        survivor.setMergedFrom(List.of("phone:+358401234567"));
        CustomerProfile retired = profile("anon:v-1", Touchpoints.webVisit("x", daysAgo(2)));
        retired.setIdentifiers(List.of("anon:v-1", "card:7"));
        retired.setMergedFrom(List.of("anon:v-0"));

        CustomerProfile merged = merger.merge(survivor, retired, NOW).profile();

        assertThat(merged.getIdentifiers()).containsExactly("anon:v-1", "card:7", "email:a@example.fi");
        assertThat(merged.getMergedFrom()).containsExactly("anon:v-0", "anon:v-1", "phone:+358401234567");
        assertThat(merged.getMergedInto()).isNull();
    }

    @Test
    void aMergeSaysEveryFieldItMayHaveChanged() {
        ProfileChange change = merger.merge(profile("c-1", Touchpoints.webVisit("c-1", daysAgo(1))),
                profile("anon:v-1", Touchpoints.purchase("c-1", "1.00", daysAgo(2))), NOW);

        assertThat(change.changedFields()).contains("purchases", "windows", "rfm", "lifecycleStage", "consents",
                "email", "master", "identifiers", "mergedFrom", "version", "engagement", "feedback")
                .doesNotContain("customerId", "segments");
    }

    /** Mautic merged contacts and then mailed people who never subscribed (docs/identity.md). */
    @Test
    void aMergeNeverMakesACustomerMailableAtAnAddressNobodyConsentedFor() {
        CustomerProfile survivor = updater.applyMaster(null, "c-1",
                ProfileUpdaterTest.register("Aino", "aino@work.example", daysAgo(9)), NOW);
        CustomerProfile retired = profile("email:aino@home.example", consent(true, "aino@home.example", daysAgo(1)));

        CustomerProfile merged = merger.merge(survivor, retired, NOW).profile();

        assertThat(merged.getEmail()).isEqualTo("aino@work.example");
        assertThat(CustomerProfiles.consented(merged, Channel.EMAIL, "marketing")).isFalse();
        assertThat(merged.getConsents().get("EMAIL/marketing").getAddress()).isEqualTo("aino@home.example");
    }

    @Test
    void aLegacyConsentWithoutAddressIsReadAsGivenForItsOwnProfilesAddress() {
        CustomerProfile survivor = profile("c-1", visit("new@example.fi", daysAgo(1)));
        CustomerProfile retired = profile("email:old@example.fi", consent(true, "old@example.fi", daysAgo(5)));
        retired.getConsents().get("EMAIL/marketing").setAddress(null);

        CustomerProfile merged = merger.merge(survivor, retired, NOW).profile();

        assertThat(CustomerProfiles.consented(merged, Channel.EMAIL, "marketing")).isFalse();
        assertThat(merged.getConsents().get("EMAIL/marketing").getAddress()).isEqualTo("old@example.fi");
    }

    @Test
    void aGrantWhoseAddressNobodyKnowsIsNotCarriedToAProfileWithAnAddress() {
        CustomerProfile survivor = profile("c-1", visit("a@example.fi", daysAgo(1)));
        TouchpointEvent tillConsent = Touchpoints.event("x", Channel.EMAIL, TouchpointType.CONSENT_GIVEN, daysAgo(3))
                .setConsentPurpose("marketing").build();
        tillConsent.getCustomer().setEmail(null);
        CustomerProfile retired = profile("card:7", tillConsent);

        CustomerProfile merged = merger.merge(survivor, retired, NOW).profile();

        assertThat(merged.getConsents()).doesNotContainKey("EMAIL/marketing");
        assertThat(CustomerProfiles.consented(merged, Channel.EMAIL, "marketing")).isFalse();
    }

    @Test
    void theWordForTheMergedAddressIsKeptOverANewerOneForAnotherAddress() {
        CustomerProfile survivor = profile("c-1", visit("a@example.fi", daysAgo(1)),
                consent(true, "a@example.fi", daysAgo(20)));
        CustomerProfile retired = profile("email:b@example.fi", consent(false, "b@example.fi", daysAgo(2)));

        CustomerProfile merged = merger.merge(survivor, retired, NOW).profile();

        assertThat(merged.getEmail()).isEqualTo("a@example.fi");
        assertThat(CustomerProfiles.consented(merged, Channel.EMAIL, "marketing")).isTrue();
    }

    @Test
    void forTheSameAddressTheNewerWordWins() {
        CustomerProfile survivor = profile("c-1", consent(true, "a@example.fi", daysAgo(20)));
        CustomerProfile retired = profile("email:a@example.fi", consent(false, "a@example.fi", daysAgo(2)));

        CustomerProfile merged = merger.merge(survivor, retired, NOW).profile();

        assertThat(CustomerProfiles.consented(merged, Channel.EMAIL, "marketing")).isFalse();
        assertThat(merged.getConsents().get("EMAIL/marketing").getAt()).isEqualTo(daysAgo(2));
    }
}

package org.touchpointcrm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.touchpointcrm.rules.Profiles.NOW;
import static org.touchpointcrm.rules.Profiles.consents;
import static org.touchpointcrm.rules.Profiles.daysAgo;
import static org.touchpointcrm.rules.Profiles.master;
import static org.touchpointcrm.rules.Profiles.prospect;
import static org.touchpointcrm.rules.Profiles.purchases;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.KeyAccountTier;
import org.touchpointcrm.avro.LifecycleStage;
import org.touchpointcrm.avro.PurchaseWindows;

class RuleEvaluationTest {

    private final ProfileRuleCompiler compiler = new ProfileRuleCompiler();

    private boolean matches(String rule, CustomerProfile profile) throws RuleCompileException {
        return compiler.compile(rule).evaluate(compiler.facts(profile, NOW));
    }

    @Test
    void daysIsADurationOfWholeDays() throws Exception {
        CustomerProfile bought = prospect().setPurchases(purchases(1, daysAgo(61))).build();
        assertThat(matches("profile.purchases.lastAt < now - days(60)", bought)).isTrue();
        assertThat(matches("profile.purchases.lastAt < now - days(62)", bought)).isFalse();
        assertThat(matches("days(2) == duration(\"48h\")", bought)).isTrue();
    }

    @Test
    void daysSinceCountsWholeDaysToNow() throws Exception {
        CustomerProfile bought = prospect().setPurchases(purchases(1, daysAgo(61).minusSeconds(3600))).build();
        assertThat(matches("daysSince(profile.purchases.lastAt) == 61", bought)).isTrue();
        CustomerProfile justNow = prospect().setPurchases(purchases(1, NOW.minusSeconds(60))).build();
        assertThat(matches("daysSince(profile.purchases.lastAt) == 0", justNow)).isTrue();
        CustomerProfile tomorrow = prospect().setPurchases(purchases(1, NOW.plusSeconds(60))).build();
        assertThat(matches("daysSince(profile.purchases.lastAt) == -1", tomorrow)).isTrue();
    }

    @Test
    void theSameRuleAnswersDifferentlyAsTheClockMoves() throws Exception {
        CompiledRule rule = compiler.compile("daysSince(profile.purchases.lastAt) > 60");
        CustomerProfile bought = prospect().setPurchases(purchases(1, daysAgo(60))).build();
        assertThat(rule.evaluate(compiler.facts(bought, NOW))).isFalse();
        assertThat(rule.evaluate(compiler.facts(bought, NOW.plusSeconds(86_400)))).isTrue();
    }

    @Test
    void inRegionIgnoresCaseAndIsFalseWithoutMasterData() throws Exception {
        CustomerProfile helsinki = prospect().setMaster(master("Uusimaa", KeyAccountTier.NONE)).build();
        assertThat(matches("inRegion(\"uusimaa\")", helsinki)).isTrue();
        assertThat(matches("inRegion(\"Pirkanmaa\")", helsinki)).isFalse();
        assertThat(matches("inRegion(\"Uusimaa\")", prospect().build())).isFalse();
        assertThat(matches("inRegion(\"Uusimaa\")", prospect().setMaster(master(null, KeyAccountTier.NONE)).build())).isFalse();
    }

    @Test
    void consentedIsTrueOnlyForAGrantedConsentOnThatChannelAndPurpose() throws Exception {
        CustomerProfile profile = prospect()
                .setConsents(consents("EMAIL", "marketing", true, "SMS", "marketing", false))
                .build();
        assertThat(matches("consented(\"EMAIL\", \"marketing\")", profile)).isTrue();
        assertThat(matches("consented(\"email\", \"marketing\")", profile)).isTrue();
        assertThat(matches("consented(\"SMS\", \"marketing\")", profile)).isFalse();
        assertThat(matches("consented(\"EMAIL\", \"newsletter\")", profile)).isFalse();
        assertThat(matches("consented(\"EMAIL\", \"marketing\")", prospect().build())).isFalse();
    }

    @Test
    void consentedCoversOnlyTheAddressTheConsentWasGivenFor() throws Exception {
        CustomerProfile profile = prospect().setEmail("new@example.fi")
                .setConsents(consents("EMAIL", "marketing", true))
                .build();
        profile.getConsents().get("EMAIL/marketing").setAddress("old@example.fi");
        assertThat(matches("consented(\"EMAIL\", \"marketing\")", profile)).isFalse();

        profile.getConsents().get("EMAIL/marketing").setAddress("new@example.fi");
        assertThat(matches("consented(\"EMAIL\", \"marketing\")", profile)).isTrue();
        assertThat(matches("consented(\"FAX\", \"marketing\")", profile)).as("an unknown channel").isFalse();
    }

    @Test
    void profileValuesHaveTheirCelTypes() throws Exception {
        CustomerProfile profile = prospect()
                .setMaster(master("Lappi", KeyAccountTier.GOLD))
                .setPurchases(purchases(4, daysAgo(3)))
                .setWindows(PurchaseWindows.newBuilder().setPurchases30d(2)
                        .setSpend30d(Map.of("EUR", new BigDecimal("99.90"))).build())
                .setConsents(consents("EMAIL", "marketing", true))
                .setContactsByChannel(Map.of("POS", Profiles.contacts(7)))
                .setLifecycleStage(LifecycleStage.ACTIVE)
                .setSegments(List.of("loyal", "repeat"))
                .build();
        assertThat(matches("profile.master.keyAccountTier == \"GOLD\"", profile)).isTrue();
        assertThat(matches("profile.lifecycleStage == \"ACTIVE\"", profile)).isTrue();
        assertThat(matches("profile.windows.spend30d[\"EUR\"] > 99.0 && profile.windows.spend30d[\"EUR\"] < 100.0", profile)).isTrue();
        assertThat(matches("profile.purchases.spendByCurrency[\"EUR\"] == 123.45", profile)).isTrue();
        assertThat(matches("profile.windows.purchases30d == 2", profile)).isTrue();
        assertThat(matches("profile.contactsByChannel[\"POS\"].count == 7", profile)).isTrue();
        assertThat(matches("profile.contactsByChannel.exists(c, profile.contactsByChannel[c].lastAt > now - days(2))", profile)).isTrue();
        assertThat(matches("profile.consents[\"EMAIL/marketing\"].channel == \"EMAIL\"", profile)).isTrue();
        assertThat(matches("\"loyal\" in profile.segments && size(profile.segments) == 2", profile)).isTrue();
        assertThat(matches("profile.segments.filter(s, s.startsWith(\"re\")) == [\"repeat\"]", profile)).isTrue();
        assertThat(matches("profile.updatedAt == now", profile)).isTrue();
        assertThat(matches("\"EUR\" in profile.windows.spend365d", profile)).isFalse();
    }

    @Test
    void hasTellsWhetherANullableFieldIsSetEvenWithoutItsRecord() throws Exception {
        assertThat(matches("has(profile.master)", prospect().build())).isFalse();
        assertThat(matches("has(profile.master.region)", prospect().build())).isFalse();
        assertThat(matches("has(profile.master.region)", prospect().setMaster(master("Kainuu", KeyAccountTier.NONE)).build())).isTrue();
        assertThat(matches("has(profile.purchases.lastAt)", prospect().build())).isFalse();
    }

    @Test
    void readingAFieldThatIsNotSetIsNotAMemberAndIsRecorded() throws Exception {
        CompiledRule rule = compiler.compile("daysSince(profile.purchases.lastAt) > 60");
        ProfileFacts facts = compiler.facts(prospect().build(), NOW);

        assertThat(rule.matches(facts)).isFalse();

        assertThat(facts.errors()).singleElement().satisfies(e -> {
            assertThat(e.expression()).isEqualTo(rule.expression());
            assertThat(e.getMessage()).contains("profile.purchases.lastAt is not set");
        });
        assertThatThrownBy(() -> rule.evaluate(facts))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessageContaining("profile.purchases.lastAt is not set")
                .as("the text reaches logs: no customer id, which may be an identifier").hasMessageNotContaining("c-1");
    }

    @Test
    void aMissingMapKeyIsAnEvaluationError() throws Exception {
        ProfileFacts facts = compiler.facts(prospect().build(), NOW);
        assertThat(compiler.compile("profile.consents[\"EMAIL/marketing\"].granted").matches(facts)).isFalse();
        assertThat(facts.errors()).hasSize(1);
    }

    @Test
    void oneFactsObjectServesManyRules() throws Exception {
        ProfileFacts facts = compiler.facts(prospect().setPurchases(purchases(2, daysAgo(5))).setRfm(Profiles.rfm(5, 4, 2)).build(), NOW);
        assertThat(compiler.compile("profile.purchases.count >= 2").matches(facts)).isTrue();
        assertThat(compiler.compile("profile.purchases.count == 1").matches(facts)).isFalse();
        assertThat(compiler.compile("profile.rfm.frequency >= 4 && profile.rfm.recency >= 4").matches(facts)).isTrue();
        assertThat(compiler.compile("daysSince(profile.purchases.lastAt) <= 5").matches(facts)).isTrue();
        assertThat(facts.errors()).isEmpty();
    }

    @Test
    void aLoopOverTheRunTimeIterationLimitFails() throws Exception {
        ProfileRuleCompiler tight = new ProfileRuleCompiler(new RuleLimits(4_000, 32, 10_000, 50, 3, 500));
        ProfileFacts facts = tight.facts(prospect().setSegments(List.of("a", "b", "c", "d", "e")).build(), NOW);
        CompiledRule rule = tight.compile("profile.segments.all(s, s != \"\")");
        assertThat(rule.matches(facts)).isFalse();
        assertThat(facts.errors()).singleElement().satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("iteration"));
    }
}

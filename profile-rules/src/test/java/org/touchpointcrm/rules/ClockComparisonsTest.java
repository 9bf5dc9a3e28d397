package org.touchpointcrm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.rules.Profiles.NOW;
import static org.touchpointcrm.rules.Profiles.daysAgo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.ContactStats;
import org.touchpointcrm.avro.CustomerProfile;

/**
 * When a rule that reads the clock can next change its answer for a profile: the time sweep asks it
 * again then, and only then. Each expectation is checked against the rule itself just before and at
 * the instant, so a wrong boundary fails here, not only a wrong formula.
 */
class ClockComparisonsTest {

    private final ProfileRuleCompiler compiler = new ProfileRuleCompiler();

    @Test
    void daysSinceGreaterThanNIsDueWhenNPlusOneWholeDaysHavePassed() throws Exception {
        Instant last = daysAgo(61).plusSeconds(3600);
        CustomerProfile profile = Profiles.prospect().setPurchases(Profiles.purchases(1, last)).build();
        CompiledRule rule = compiler.compile("daysSince(profile.purchases.lastAt) > 60");

        Instant due = rule.clockComparisons().nextChange(profile, NOW).orElseThrow();

        assertThat(rule.clockComparisons().analysable()).isTrue();
        assertThat(due).isEqualTo(last.plus(Duration.ofDays(61)));
        assertFlipsAt(rule, profile, due);
    }

    @Test
    void aTimestampAgainstNowMinusDaysIsDueWhenItFallsOutOfTheRange() throws Exception {
        Instant opened = daysAgo(29);
        CustomerProfile profile = Profiles.prospect().build();
        profile.getEngagement().setLastEmailEngagementAt(opened);
        CompiledRule rule = compiler.compile("has(profile.engagement.lastEmailEngagementAt)"
                + " && profile.engagement.lastEmailEngagementAt > now - days(30)");

        Instant due = rule.clockComparisons().nextChange(profile, NOW).orElseThrow();

        assertThat(due).isEqualTo(opened.plus(Duration.ofDays(30)));
        assertFlipsAt(rule, profile, due);
    }

    @Test
    void aMapEntryReachedByAPathAndATimestampLiteralAreAnalysed() throws Exception {
        CustomerProfile profile = Profiles.prospect().setContactsByChannel(Map.of("WEB",
                new ContactStats(1L, daysAgo(3), daysAgo(3)))).build();
        CompiledRule web = compiler.compile("'WEB' in profile.contactsByChannel && profile.contactsByChannel.WEB.lastAt > now - days(7)");
        CompiledRule campaign = compiler.compile("now < timestamp(\"2026-12-01T00:00:00Z\")");

        assertThat(web.clockComparisons().nextChange(profile, NOW)).contains(daysAgo(3).plus(Duration.ofDays(7)));
        assertThat(campaign.clockComparisons().nextChange(profile, NOW)).contains(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void anUnsetTimestampMakesNothingDue() throws Exception {
        CompiledRule rule = compiler.compile("has(profile.purchases.lastAt) && daysSince(profile.purchases.lastAt) > 60");

        assertThat(rule.clockComparisons().nextChange(Profiles.prospect().build(), NOW)).isEmpty();
    }

    @Test
    void clockReadsInsideLoopsComputedNumbersAndTheRfmDayCounterAreNotAnalysable() throws Exception {
        for (String rule : new String[] {
                "size(profile.contactsByChannel.filter(c, profile.contactsByChannel[c].lastAt > now - days(30))) >= 1",
                "daysSince(profile.purchases.lastAt) > profile.purchases.count",
                "profile.purchases.lastAt < now - duration(\"2160h\")",
                "profile.rfm.daysSinceLastPurchase > 60"}) {
            assertThat(compiler.compile(rule).clockComparisons().analysable()).as(rule).isFalse();
        }
        assertThat(compiler.compile("profile.purchases.count > 1").clockComparisons().size()).isZero();
    }

    private void assertFlipsAt(CompiledRule rule, CustomerProfile profile, Instant due) {
        boolean before = rule.matches(compiler.facts(profile, due.minusMillis(1)));
        boolean at = rule.matches(compiler.facts(profile, due));
        assertThat(at).as("the answer changes at the due instant").isNotEqualTo(before);
    }
}

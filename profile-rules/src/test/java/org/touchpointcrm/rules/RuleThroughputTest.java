package org.touchpointcrm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.rules.Profiles.NOW;
import static org.touchpointcrm.rules.Profiles.consents;
import static org.touchpointcrm.rules.Profiles.daysAgo;
import static org.touchpointcrm.rules.Profiles.engagement;
import static org.touchpointcrm.rules.Profiles.master;
import static org.touchpointcrm.rules.Profiles.prospect;
import static org.touchpointcrm.rules.Profiles.purchases;
import static org.touchpointcrm.rules.Profiles.rfm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.KeyAccountTier;
import org.touchpointcrm.avro.LifecycleStage;

/**
 * How fast all built-in rules are evaluated over one profile, facts creation included: printed, not
 * asserted (the machine is shared). The segmentation app does this for every profile change.
 */
class RuleThroughputTest {

    @Test
    void printsEvaluationsPerSecondOfAllBuiltInRules() throws Exception {
        ProfileRuleCompiler compiler = new ProfileRuleCompiler();
        long compileStart = System.nanoTime();
        List<CompiledRule> rules = new ArrayList<>();
        for (SegmentSpec segment : BuiltInSegments.load()) {
            rules.add(compiler.compile(segment.rule()));
        }
        long compileNanos = System.nanoTime() - compileStart;
        CustomerProfile profile = prospect()
                .setMaster(master("Pirkanmaa", KeyAccountTier.GOLD))
                .setPurchases(purchases(5, daysAgo(20)))
                .setRfm(rfm(4, 4, 4))
                .setEngagement(engagement(12, daysAgo(30)))
                .setConsents(consents("EMAIL", "marketing", true, "SMS", "marketing", false))
                .setContactsByChannel(Map.of("POS", Profiles.contacts(5), "EMAIL", Profiles.contacts(14)))
                .setLifecycleStage(LifecycleStage.ACTIVE)
                .build();

        int members = 0;
        for (int i = 0; i < 20_000; i++) { // warm-up
            members += evaluateAll(compiler, rules, profile);
        }
        int profiles = 100_000;
        long start = System.nanoTime();
        for (int i = 0; i < profiles; i++) {
            members += evaluateAll(compiler, rules, profile);
        }
        long nanos = System.nanoTime() - start;

        double evaluationsPerSecond = (double) profiles * rules.size() / nanos * 1e9;
        System.out.printf("rules: %d, compiled in %.1f ms (%.0f µs each)%n", rules.size(), compileNanos / 1e6,
                compileNanos / 1e3 / rules.size());
        System.out.printf("%d profiles × %d rules in %.0f ms: %.0f rule evaluations/s, %.0f profiles/s (facts included), one thread%n",
                profiles, rules.size(), nanos / 1e6, evaluationsPerSecond, profiles / (nanos / 1e9));
        assertThat(members).isPositive();
    }

    private static int evaluateAll(ProfileRuleCompiler compiler, List<CompiledRule> rules, CustomerProfile profile) {
        ProfileFacts facts = compiler.facts(profile, NOW);
        int members = 0;
        for (CompiledRule rule : rules) {
            if (rule.matches(facts)) {
                members++;
            }
        }
        return members;
    }
}

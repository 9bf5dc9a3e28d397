package org.touchpointcrm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.rules.Profiles.NOW;
import static org.touchpointcrm.rules.Profiles.consents;
import static org.touchpointcrm.rules.Profiles.daysAgo;
import static org.touchpointcrm.rules.Profiles.master;
import static org.touchpointcrm.rules.Profiles.prospect;
import static org.touchpointcrm.rules.Profiles.purchases;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.KeyAccountTier;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A marketer's rule text, any bytes at all: it compiles, or it is refused with a
 * {@link RuleCompileException} that lists at least one problem. A rule that compiles is answered for a
 * prospect and for a customer with purchases, master data and consents, within the time limit; an
 * evaluation error is "not a member", never an exception. Seeds and every crash found are in
 * {@code src/test/resources/org/touchpointcrm/rules/RuleCompilerFuzzTestInputs/} (docs/security.md, Fuzzing).
 */
class RuleCompilerFuzzTest {

    private static final ProfileRuleCompiler COMPILER = new ProfileRuleCompiler();
    private static final CustomerProfile PROSPECT = prospect().build();
    private static final CustomerProfile CUSTOMER = prospect()
            .setPurchases(purchases(4, daysAgo(30)))
            .setMaster(master("Uusimaa", KeyAccountTier.GOLD))
            .setConsents(consents("EMAIL", "marketing", true, "SMS", "marketing", false))
            .build();

    static {
        // Load and instrument CEL's classes once, outside the time limit of the first input.
        anyRuleText("inRegion(\"Uusimaa\") && profile.windows.purchases365d >= 3");
    }

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anyRuleTextCompilesOrIsRefusedWithItsProblems(byte[] input) {
        anyRuleText(new String(input, StandardCharsets.UTF_8));
    }

    private static void anyRuleText(String text) {
        CompiledRule rule;
        try {
            rule = COMPILER.compile(text);
        } catch (RuleCompileException refused) {
            assertThat(refused.problems()).as("a refusal names its problems").isNotEmpty();
            return;
        }
        for (CustomerProfile profile : new CustomerProfile[] {PROSPECT, CUSTOMER}) {
            ProfileFacts facts = COMPILER.facts(profile, NOW);
            rule.matches(facts);
        }
    }
}

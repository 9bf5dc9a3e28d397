package org.touchpointcrm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileRuleCompilerTest {

    private final ProfileRuleCompiler compiler = new ProfileRuleCompiler();

    private List<RuleProblem> problemsOf(String rule) {
        RuleCompileException refused = catchThrowableOfType(RuleCompileException.class, () -> compiler.compile(rule));
        assertThat(refused).as("refused: %s", rule).isNotNull();
        assertThat(refused.expression()).isEqualTo(rule);
        assertThat(refused.problems()).isNotEmpty();
        return refused.problems();
    }

    // --- compile errors a marketer can act on

    @Test
    void unknownFieldIsRefusedWithItsPositionAndASuggestion() {
        assertThat(problemsOf("profile.purchaseCnt > 3"))
                .containsExactly(new RuleProblem(1, 9, "profile has no field 'purchaseCnt'; did you mean 'purchases'?"));
    }

    @Test
    void unknownNestedFieldNamesThePathItWasLookedFor() {
        assertThat(problemsOf("profile.rfm.recency >= 4 &&\n  profile.purchases.cont > 3"))
                .containsExactly(new RuleProblem(2, 21, "profile.purchases has no field 'cont'; did you mean 'count'?"));
    }

    @Test
    void comparingANumberWithTextIsATypeError() {
        assertThat(problemsOf("profile.purchases.count == \"3\""))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.column()).isEqualTo(25);
                    assertThat(p.message()).startsWith("'==' cannot be applied to int and string");
                });
    }

    @Test
    void syntaxErrorIsRefusedWhereTheTextBreaks() {
        assertThat(problemsOf("profile.purchases.count >"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.column()).isEqualTo(26);
                    assertThat(p.message()).startsWith("syntax error: ");
                });
    }

    @Test
    void aRuleMustBeAYesOrNoQuestion() {
        assertThat(problemsOf("profile.purchases.count"))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("type bool").contains("gives int"));
    }

    @Test
    void durationInDaysIsRefusedAtCompileTimeWithTheWayOut() {
        assertThat(problemsOf("profile.purchases.lastAt < now - duration(\"90d\")"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.message()).startsWith("not a valid duration").contains("days(90)");
                });
    }

    @Test
    void misspeltVariableAndFunctionGetSuggestions() {
        assertThat(problemsOf("prfile.rfm.recency > 1").getFirst().message())
                .isEqualTo("unknown name 'prfile'; did you mean 'profile'?");
        assertThat(problemsOf("inRegoin(\"Lappi\")").getFirst().message())
                .isEqualTo("unknown name 'inRegoin'; did you mean 'inRegion'?");
    }

    @Test
    void functionWithWrongArgumentTypeIsRefused() {
        assertThat(problemsOf("inRegion(3)").getFirst().message()).startsWith("inRegion(...) cannot be applied to (int)");
        assertThat(problemsOf("daysSince(profile.purchases.count) > 3").getFirst().message())
                .startsWith("daysSince(...) cannot be applied to (int)");
    }

    @Test
    void hiddenBookkeepingFieldsAreNotVisible() {
        assertThat(ProfileRuleCompiler.profileFields())
                .contains("master", "purchases", "windows", "rfm", "engagement", "consents", "feedback", "lifecycleStage", "segments")
                .doesNotContain("purchaseDays", "lastPurchaseDayBeforeWindow", "seenEmail", "seenPhone");
        assertThat(problemsOf("size(profile.purchaseDays) > 0").getFirst().message())
                .startsWith("profile has no field 'purchaseDays'");
        assertThat(problemsOf("has(profile.seenEmail)").getFirst().message()).startsWith("profile has no field 'seenEmail'");
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        assertThat(problemsOf("profile.purchaseCnt > 3 && profile.rfm.recncy > 1")).hasSize(2);
    }

    // --- limits

    @Test
    void overlongRuleIsRefused() {
        String rule = "profile.purchases.count > 1 || ".repeat(200) + "true";
        assertThat(problemsOf(rule).getFirst().message()).contains("characters long; at most 4000");
    }

    @Test
    void deeplyNestedRuleIsRefused() {
        String parentheses = "(".repeat(300) + "true" + ")".repeat(300);
        assertThat(problemsOf(parentheses).getFirst().message()).startsWith("the rule is nested too deeply");
        String negations = "!(".repeat(40) + "true" + ")".repeat(40);
        assertThat(problemsOf(negations).getFirst().message()).startsWith("the rule is nested too deeply");
    }

    @Test
    void aLongButFlatRuleIsFine() throws Exception {
        String regions = String.join(" || ", java.util.Collections.nCopies(19, "inRegion(\"Lappi\")"));
        String conditions = String.join(" && ", java.util.Collections.nCopies(40, "profile.rfm.recency >= 1"));
        assertThat(compiler.compile("(" + regions + ") && " + conditions).fieldsRead()).containsExactlyInAnyOrder("master", "rfm");
    }

    @Test
    void aLoopInsideALoopOverProfileMapsIsTooCostly() {
        List<RuleProblem> problems = problemsOf(
                "profile.contactsByType.all(t, profile.consents.exists(k, profile.consents[k].granted && t != \"\"))");
        assertThat(problems.getFirst().message()).startsWith("the rule is too costly").contains("at most 10000");
    }

    @Test
    void oneLoopOverAProfileMapIsFine() throws Exception {
        CompiledRule rule = compiler.compile("profile.consents.exists(k, k.startsWith(\"EMAIL/\") && profile.consents[k].granted)");
        assertThat(rule.estimatedCost()).isLessThanOrEqualTo(RuleLimits.DEFAULTS.maxEstimatedCost());
    }

    @Test
    void limitsAreConfigurable() {
        ProfileRuleCompiler strict = new ProfileRuleCompiler(new RuleLimits(30, 8, 4, 50, 100, 100));
        assertThatThrownBy(() -> strict.compile("profile.purchases.count >= 2 && profile.rfm.recency >= 4"))
                .isInstanceOf(RuleCompileException.class)
                .hasMessageContaining("at most 30 are allowed");
        assertThatThrownBy(() -> strict.compile("profile.rfm.recency >= 4"))
                .isInstanceOf(RuleCompileException.class)
                .hasMessageContaining("too costly");
    }

    // --- hostile rules

    @Test
    void javaMethodsAndClassesAreUnknownNames() {
        assertThat(problemsOf("profile.getClass() == null").getFirst().message()).startsWith("unknown name 'getClass'");
        assertThat(problemsOf("java.lang.Runtime.getRuntime().exec(\"rm -rf /\") == null"))
                .extracting(RuleProblem::message)
                .anySatisfy(m -> assertThat(m).startsWith("unknown name 'java'"));
        assertThat(problemsOf("T(java.lang.System).exit(0)")).isNotEmpty();
    }

    @Test
    void rulesCannotCreateRecords() {
        assertThat(problemsOf("org.touchpointcrm.avro.MasterData{region: \"Lappi\"}.region == \"Lappi\"").getFirst().message())
                .startsWith("rules cannot create records");
    }

    @Test
    void patternsMustBeLiteralsAndValid() throws Exception {
        assertThat(problemsOf("\"x\".matches(profile.email)").getFirst().message()).startsWith("matches() takes a fixed pattern");
        assertThat(problemsOf("profile.email.matches(\"(unclosed\")").getFirst().message()).startsWith("not a valid pattern");
        assertThat(compiler.compile("has(profile.email) && profile.email.matches(\"@example\\\\.fi$\")")).isNotNull();
    }

    @Test
    void emptyRuleIsRefused() {
        assertThat(problemsOf("  ").getFirst().message()).isEqualTo("the rule is empty");
    }

    // --- what a rule reads

    @Test
    void contactFieldsReadAreNamedSoThatWritingSuchARuleCanNeedAScope() throws Exception {
        assertThat(compiler.compile("profile.email.endsWith('@example.fi')").contactFieldsRead()).containsExactly("email");
        assertThat(compiler.compile("has(profile.master) && profile.master.lastName == 'Virtanen'"
                + " && profile.master.region == 'Pirkanmaa'").contactFieldsRead()).containsExactly("master.lastName");
        assertThat(compiler.compile("profile.customerId.startsWith('email:aino')").contactFieldsRead())
                .containsExactly("customerId");
        assertThat(compiler.compile("has(profile.master) && profile.master == profile.master").contactFieldsRead())
                .containsExactly("master");
    }

    @Test
    void presenceTestsAndOtherFieldsReadNoContactData() throws Exception {
        assertThat(compiler.compile("has(profile.email) && has(profile.master.phone) && inRegion('Uusimaa')"
                + " && profile.purchases.count >= 2").contactFieldsRead()).isEmpty();
    }

    @Test
    void fieldsReadAreTheTopLevelProfileFields() throws Exception {
        assertThat(compiler.compile("profile.windows.purchases365d >= 3").fieldsRead()).containsExactly("windows");
        assertThat(compiler.compile("inRegion(\"Uusimaa\") && profile.windows.purchases365d >= 3 && daysSince(profile.purchases.lastAt) > 60")
                .fieldsRead()).containsExactlyInAnyOrder("master", "windows", "purchases");
        assertThat(compiler.compile("consented(\"EMAIL\", \"marketing\")").fieldsRead())
                .as("a consent covers only its address").containsExactlyInAnyOrder("consents", "email", "phone");
        assertThat(compiler.compile("consented(\"EMAIL\", \"marketing\")").contactFieldsRead()).isEmpty();
        assertThat(compiler.compile("has(profile.master.region)").fieldsRead()).containsExactly("master");
        assertThat(compiler.compile("profile.contactsByType.exists(t, profile.contactsByType[t].count > 5)").fieldsRead())
                .containsExactly("contactsByType");
        assertThat(compiler.compile("now > timestamp(\"2026-01-01T00:00:00Z\")").fieldsRead()).isEmpty();
    }

    @Test
    void aLoopVariableNamedProfileIsNotTheProfile() throws Exception {
        assertThat(compiler.compile("[1, 2].exists(profile, profile > 1) && profile.rfm.recency > 0").fieldsRead())
                .containsExactly("rfm");
    }

    @Test
    void timeDependenceComesFromNowAndDaysSince() throws Exception {
        assertThat(compiler.compile("profile.rfm.recency >= 4").dependsOnTime()).isFalse();
        assertThat(compiler.compile("inRegion(\"Lappi\") && consented(\"SMS\", \"marketing\")").dependsOnTime()).isFalse();
        assertThat(compiler.compile("has(profile.purchases.lastAt) && daysSince(profile.purchases.lastAt) > 60").dependsOnTime()).isTrue();
        assertThat(compiler.compile("has(profile.purchases.lastAt) && profile.purchases.lastAt < now - days(60)").dependsOnTime()).isTrue();
        assertThat(compiler.compile("profile.updatedAt < timestamp(\"2026-01-01T00:00:00Z\") + days(1)").dependsOnTime()).isFalse();
    }
}

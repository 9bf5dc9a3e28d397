package org.touchpointcrm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.rules.Profiles.NOW;
import static org.touchpointcrm.rules.Profiles.consents;
import static org.touchpointcrm.rules.Profiles.daysAgo;
import static org.touchpointcrm.rules.Profiles.engagement;
import static org.touchpointcrm.rules.Profiles.feedback;
import static org.touchpointcrm.rules.Profiles.master;
import static org.touchpointcrm.rules.Profiles.prospect;
import static org.touchpointcrm.rules.Profiles.purchases;
import static org.touchpointcrm.rules.Profiles.rfm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.KeyAccountTier;
import org.touchpointcrm.avro.LifecycleStage;

/** Every built-in segment compiles, takes in a profile that belongs, and leaves out one just outside it. */
class BuiltInSegmentsTest {

    private static final List<String> REGIONS = List.of("Uusimaa", "Varsinais-Suomi", "Satakunta", "Kanta-Häme",
            "Pirkanmaa", "Päijät-Häme", "Kymenlaakso", "Etelä-Karjala", "Etelä-Savo", "Pohjois-Savo", "Pohjois-Karjala",
            "Keski-Suomi", "Etelä-Pohjanmaa", "Pohjanmaa", "Keski-Pohjanmaa", "Pohjois-Pohjanmaa", "Kainuu", "Lappi",
            "Ahvenanmaa");

    private final ProfileRuleCompiler compiler = new ProfileRuleCompiler();
    private final Map<String, SegmentSpec> segments = byId(BuiltInSegments.load());

    /** For each segment: a profile inside it and one just outside it. */
    private record Case(String segmentId, UnaryOperator<CustomerProfile.Builder> inside, UnaryOperator<CustomerProfile.Builder> outside) {}

    private static List<Case> cases() {
        Stream<Case> fixed = Stream.of(
                new Case("loyal", p -> p.setRfm(rfm(4, 4, 1)), p -> p.setRfm(rfm(4, 3, 5))),
                new Case("repeat", p -> p.setPurchases(purchases(2, daysAgo(3))), p -> p.setPurchases(purchases(1, daysAgo(3)))),
                new Case("one-time", p -> p.setPurchases(purchases(1, daysAgo(3))), p -> p.setPurchases(purchases(2, daysAgo(3)))),
                new Case("never-purchased", p -> p, p -> p.setPurchases(purchases(1, daysAgo(3)))),
                new Case("new", p -> p.setLifecycleStage(LifecycleStage.NEW), p -> p.setLifecycleStage(LifecycleStage.ACTIVE)),
                new Case("active", p -> p.setLifecycleStage(LifecycleStage.ACTIVE), p -> p.setLifecycleStage(LifecycleStage.NEW)),
                new Case("lapsing", p -> p.setLifecycleStage(LifecycleStage.LAPSING), p -> p.setLifecycleStage(LifecycleStage.DORMANT)),
                new Case("dormant", p -> p.setLifecycleStage(LifecycleStage.DORMANT), p -> p.setLifecycleStage(LifecycleStage.LAPSING)),
                new Case("won-back", p -> p.setLifecycleStage(LifecycleStage.WON_BACK), p -> p.setLifecycleStage(LifecycleStage.ACTIVE)),
                new Case("key-accounts", p -> p.setMaster(master("Lappi", KeyAccountTier.GOLD)),
                        p -> p.setMaster(master("Lappi", KeyAccountTier.SILVER))),
                new Case("high-value", p -> p.setRfm(rfm(1, 3, 4)), p -> p.setRfm(rfm(5, 2, 5))),
                new Case("engaged-email", p -> p.setEngagement(engagement(5, daysAgo(90))),
                        p -> p.setEngagement(engagement(5, daysAgo(91)))),
                new Case("unengaged-email", p -> p.setEngagement(engagement(5, daysAgo(91))),
                        p -> p.setEngagement(engagement(5, daysAgo(90)))),
                new Case("feedback-givers", p -> p.setFeedback(feedback(1)), p -> p.setFeedback(feedback(0))),
                new Case("consent-missing", p -> p.setConsents(consents("EMAIL", "marketing", false, "SMS", "newsletter", true)),
                        p -> p.setConsents(consents("EMAIL", "marketing", false, "SMS", "marketing", true))));
        Stream<Case> regions = REGIONS.stream().map(region -> new Case(regionId(region),
                p -> p.setMaster(master(region, KeyAccountTier.NONE)),
                p -> p.setMaster(master(REGIONS.get((REGIONS.indexOf(region) + 1) % REGIONS.size()), KeyAccountTier.NONE))));
        return Stream.concat(fixed, regions).toList();
    }

    private static String regionId(String region) {
        return "region-" + region.toLowerCase().replace('ä', 'a').replace('ö', 'o');
    }

    @TestFactory
    Stream<DynamicTest> aProfileInsideEntersAndOneJustOutsideDoesNot() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.segmentId(), () -> {
            SegmentSpec segment = segments.get(c.segmentId());
            assertThat(segment).as("built-in segment %s", c.segmentId()).isNotNull();
            CompiledRule rule = compiler.compile(segment.rule());

            ProfileFacts inside = compiler.facts(c.inside().apply(prospect()).build(), NOW);
            ProfileFacts outside = compiler.facts(c.outside().apply(prospect()).build(), NOW);

            assertThat(rule.evaluate(inside)).as("%s takes in %s", segment.rule(), inside.profile()).isTrue();
            assertThat(rule.evaluate(outside)).as("%s leaves out %s", segment.rule(), outside.profile()).isFalse();
        }));
    }

    @Test
    void everySegmentHasACase() {
        assertThat(cases().stream().map(Case::segmentId)).containsExactlyInAnyOrderElementsOf(segments.keySet());
    }

    @Test
    void everyRuleCompilesAndAnswersForABareProspectWithoutErrors() throws Exception {
        ProfileFacts bare = compiler.facts(prospect().build(), NOW);
        for (SegmentSpec segment : segments.values()) {
            compiler.compile(segment.rule()).matches(bare);
        }
        assertThat(bare.errors()).isEmpty();
    }

    @Test
    void thereAreTheExpectedSegments() {
        assertThat(segments.keySet()).startsWith("loyal", "repeat", "one-time", "never-purchased", "new", "active",
                "lapsing", "dormant", "won-back", "key-accounts", "high-value");
        assertThat(segments.keySet()).contains("region-uusimaa", "region-pirkanmaa", "region-varsinais-suomi",
                "region-kanta-hame", "region-paijat-hame", "region-etela-karjala", "region-ahvenanmaa",
                "engaged-email", "unengaged-email", "feedback-givers", "consent-missing");
        assertThat(segments.keySet().stream().filter(id -> id.startsWith("region-"))).hasSize(19);
        assertThat(segments.values()).allSatisfy(s -> {
            assertThat(s.version()).isEqualTo(1);
            assertThat(s.name()).isNotBlank();
            assertThat(s.description()).isNotBlank().doesNotContain("\n");
        });
    }

    @Test
    void timeDependentSegmentsAreTheEngagementOnes() throws Exception {
        Map<String, Boolean> timeDependent = new LinkedHashMap<>();
        for (SegmentSpec segment : segments.values()) {
            timeDependent.put(segment.id(), compiler.compile(segment.rule()).dependsOnTime());
        }
        assertThat(timeDependent).containsEntry("engaged-email", true).containsEntry("unengaged-email", true);
        assertThat(timeDependent.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey))
                .containsExactlyInAnyOrder("engaged-email", "unengaged-email");
    }

    private static Map<String, SegmentSpec> byId(List<SegmentSpec> specs) {
        Map<String, SegmentSpec> byId = new LinkedHashMap<>();
        specs.forEach(s -> byId.put(s.id(), s));
        return byId;
    }
}

package org.touchpointcrm.segmentation.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.rules.ProfileFacts;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.schemas.fixtures.Touchpoints;
import org.touchpointcrm.segmentation.profile.ProfileDerivations;
import org.touchpointcrm.segmentation.profile.ProfileSettings;
import org.touchpointcrm.segmentation.profile.ProfileUpdater;

class SegmentEvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final ProfileUpdater updater = new ProfileUpdater(new ProfileDerivations(ProfileSettings.DEFAULTS));

    /** A rule that counts how often it is asked. */
    record CountingRule(Set<String> fieldsRead, boolean dependsOnTime, BiPredicate<CustomerProfile, Instant> test,
                        AtomicInteger asked) implements SegmentRule {
        CountingRule(Set<String> fieldsRead, boolean dependsOnTime, BiPredicate<CustomerProfile, Instant> test) {
            this(fieldsRead, dependsOnTime, test, new AtomicInteger());
        }

        @Override
        public boolean matches(ProfileFacts facts) {
            asked.incrementAndGet();
            return test.test(facts.profile(), facts.now());
        }
    }

    private final CountingRule repeatRule = new CountingRule(Set.of("purchases"), false,
            (p, now) -> p.getPurchases().getCount() >= 2);
    private final CountingRule webRule = new CountingRule(Set.of("contactsByChannel"), false,
            (p, now) -> p.getContactsByChannel().containsKey("WEB"));
    private final CountingRule clockRule = new CountingRule(Set.of(), true, (p, now) -> now.isAfter(T0));
    private final Segment repeat = new Segment("repeat", 3, "Repeat", "two purchases or more", repeatRule);
    private final SegmentEvaluator evaluator = new SegmentEvaluator(List.of(repeat,
            new Segment("web", 1, "Web", "visited the web shop", webRule),
            new Segment("later", 1, "Later", "after T0", clockRule)), new ProfileRuleCompiler());

    private CustomerProfile copy(CustomerProfile p) {
        return CustomerProfile.newBuilder(p).build();
    }

    @Test
    void aNewProfileIsAskedByEveryRuleAndEntersWhereTheyHold() {
        CustomerProfile p = updater.apply(null, "c-1", Touchpoints.webVisit("c-1", T0), T0);

        List<SegmentChange> changes = evaluator.reevaluate(null, p, T0, "e-1");

        assertThat(changes).extracting(SegmentChange::getSegmentId, SegmentChange::getKind, SegmentChange::getTriggeringEventId)
                .containsExactly(tuple("web", SegmentChangeKind.ENTERED, "e-1"));
        assertThat(p.getSegments()).containsExactly("web");
        assertThat(repeatRule.asked()).hasValue(1);
    }

    @Test
    void aChangeCarriesTheSegmentVersionAndTheProfileVersion() {
        CustomerProfile p = updater.apply(null, "c-1", Touchpoints.purchase("c-1", "1.00", T0), T0);
        evaluator.reevaluate(null, p, T0, "e-1");
        CustomerProfile before = copy(p);
        updater.apply(p, "c-1", Touchpoints.purchase("c-1", "2.00", T0), T0);

        SegmentChange change = evaluator.reevaluate(before, p, T0, "e-2").getFirst();

        assertThat(change.getSegmentId()).isEqualTo("repeat");
        assertThat(change.getSegmentVersion()).isEqualTo(3);
        assertThat(change.getProfileVersion()).isEqualTo(2);
        assertThat(change.getChangedAt()).isEqualTo(T0);
    }

    @Test
    void aRuleWhoseFieldsDidNotChangeIsNotAskedAgain() {
        CustomerProfile p = updater.apply(null, "c-1", Touchpoints.webVisit("c-1", T0), T0);
        evaluator.reevaluate(null, p, T0, "e-1");
        CustomerProfile before = copy(p);
        updater.apply(p, "c-1", Touchpoints.webVisit("c-1", T0), T0);

        assertThat(evaluator.reevaluate(before, p, T0, "e-2")).isEmpty();

        assertThat(repeatRule.asked()).as("purchases did not change").hasValue(1);
        assertThat(webRule.asked()).as("contactsByChannel changed").hasValue(2);
        assertThat(clockRule.asked()).as("reads the clock").hasValue(2);
        assertThat(p.getSegments()).containsExactly("web");
    }

    @Test
    void aTimeDependentRuleMovesWithTheClockAndEmitsOnlyRealChanges() {
        CustomerProfile p = updater.apply(null, "c-1", Touchpoints.webVisit("c-1", T0), T0);
        evaluator.reevaluate(null, p, T0, "e-1");
        Instant later = T0.plusSeconds(60);

        List<SegmentChange> changes = evaluator.reevaluate(copy(p), p, later, null);
        List<SegmentChange> again = evaluator.reevaluate(copy(p), p, later, null);

        assertThat(changes).extracting(SegmentChange::getSegmentId, SegmentChange::getKind, SegmentChange::getTriggeringEventId)
                .containsExactly(tuple("later", SegmentChangeKind.ENTERED, null));
        assertThat(again).isEmpty();
        assertThat(p.getSegments()).containsExactly("later", "web");
    }

    @Test
    void aCustomerLeavesASegmentWhoseRuleNoLongerHolds() {
        var segment = new Segment("no-purchases", 1, "None", "never purchased",
                new CountingRule(Set.of("purchases"), false, (p, now) -> p.getPurchases().getCount() == 0));
        var evaluator = new SegmentEvaluator(List.of(segment), new ProfileRuleCompiler());
        CustomerProfile p = updater.apply(null, "c-1", Touchpoints.webVisit("c-1", T0), T0);
        evaluator.reevaluate(null, p, T0, "e-1");
        CustomerProfile before = copy(p);
        updater.apply(p, "c-1", Touchpoints.purchase("c-1", "1.00", T0), T0);

        assertThat(evaluator.reevaluate(before, p, T0, "e-2"))
                .extracting(SegmentChange::getSegmentId, SegmentChange::getKind)
                .containsExactly(tuple("no-purchases", SegmentChangeKind.EXITED));
        assertThat(p.getSegments()).isEmpty();
    }
}

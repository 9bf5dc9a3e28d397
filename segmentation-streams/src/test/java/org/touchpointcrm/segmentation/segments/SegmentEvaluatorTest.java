package org.touchpointcrm.segmentation.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.schemas.fixtures.Touchpoints;
import org.touchpointcrm.segmentation.profile.ProfileUpdater;

class SegmentEvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Segment BIG_SPENDERS = new Segment("big-spenders", 3, "more than one purchase",
            p -> p.getPurchaseCount() > 1);
    private final SegmentEvaluator evaluator = new SegmentEvaluator(List.of(BuiltInSegments.PURCHASERS, BIG_SPENDERS));

    @Test
    void aCustomerEntersEverySegmentWhoseRuleNowHolds() {
        CustomerProfile profile = ProfileUpdater.apply(null, "c-1", Touchpoints.purchase("c-1", "1.00", T0));

        List<SegmentChange> changes = evaluator.reevaluate(profile, T0, "e-1");

        assertThat(changes).extracting(SegmentChange::getSegmentId, SegmentChange::getKind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("purchasers", SegmentChangeKind.ENTERED));
        assertThat(profile.getSegments()).containsExactly("purchasers");
    }

    @Test
    void noChangeIsEmittedWhenMembershipStaysTheSame() {
        CustomerProfile profile = ProfileUpdater.apply(null, "c-1", Touchpoints.purchase("c-1", "1.00", T0));
        evaluator.reevaluate(profile, T0, "e-1");

        assertThat(evaluator.reevaluate(profile, T0, "e-2")).isEmpty();
    }

    @Test
    void aCustomerWhoNoLongerMatchesExitsWithTheSegmentsVersion() {
        CustomerProfile profile = ProfileUpdater.apply(null, "c-1", Touchpoints.purchase("c-1", "1.00", T0));
        profile = ProfileUpdater.apply(profile, "c-1", Touchpoints.purchase("c-1", "1.00", T0));
        evaluator.reevaluate(profile, T0, "e-2");
        profile.setPurchaseCount(1L);

        List<SegmentChange> changes = evaluator.reevaluate(profile, T0.plusSeconds(5), null);

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.getSegmentId()).isEqualTo("big-spenders");
            assertThat(change.getKind()).isEqualTo(SegmentChangeKind.EXITED);
            assertThat(change.getSegmentVersion()).isEqualTo(3);
            assertThat(change.getTriggeringEventId()).isNull();
            assertThat(change.getChangedAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(change.getProfileVersion()).isEqualTo(2);
        });
        assertThat(profile.getSegments()).containsExactly("purchasers");
    }

    @Test
    void membershipIsKeptSorted() {
        CustomerProfile profile = ProfileUpdater.apply(null, "c-1", Touchpoints.purchase("c-1", "1.00", T0));
        profile = ProfileUpdater.apply(profile, "c-1", Touchpoints.purchase("c-1", "1.00", T0));

        evaluator.reevaluate(profile, T0, "e-2");

        assertThat(profile.getSegments()).containsExactly("big-spenders", "purchasers");
    }
}

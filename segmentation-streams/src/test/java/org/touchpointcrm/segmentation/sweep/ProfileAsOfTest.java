package org.touchpointcrm.segmentation.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.LifecycleStage;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.schemas.fixtures.Touchpoints;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.profile.ProfileDerivations;
import org.touchpointcrm.segmentation.profile.ProfileUpdater;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;

/** A profile read is true at the read, though the store holds it as of its last write. */
class ProfileAsOfTest {

    static {
        // The serdes set Avro's limits before any record class is touched.
        TopologyDrivers.SERDES.getClass();
    }

    private static final Instant WRITTEN = Instant.parse("2026-11-23T10:00:00Z");

    private final SegmentEvaluator segments = SegmentEvaluator.builtIn();
    private final ProfileUpdater updater = new ProfileUpdater(new ProfileDerivations(
            SegmentationProperties.defaults().profileSettings()));

    @Test
    void aReadAfterTheLapseShowsLapsingAndTheSegmentWhileTheStoreIsUntouched() {
        Instant lapses = WRITTEN.plusSeconds(60);
        CustomerProfile stored = updater.apply(null, "c-1", Touchpoints.purchase("c-1", "9.90", lapses.minus(Duration.ofDays(90))),
                WRITTEN);
        segments.reevaluate(null, stored, WRITTEN, "e-1");
        assertThat(stored.getLifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
        CustomerProfile copyOfStored = CustomerProfile.newBuilder(stored).build();
        Instant read = lapses.plusSeconds(1);
        var asOf = new ProfileAsOf(SegmentationProperties.defaults(), segments, Clock.fixed(read, ZoneOffset.UTC));

        CustomerProfile now = asOf.asOf(stored, read);
        Map<String, Object> json = asOf.view(stored);

        assertThat(now.getLifecycleStage()).isEqualTo(LifecycleStage.LAPSING);
        assertThat(now.getSegments()).contains("lapsing").doesNotContain("active");
        assertThat(now.getUpdatedAt()).as("when it was last written").isEqualTo(WRITTEN);
        assertThat(json).containsEntry(ProfileAsOf.AS_OF, read.toString()).containsEntry("lifecycleStage", "LAPSING");
        assertThat(json.get("segments")).asInstanceOf(InstanceOfAssertFactories.LIST).contains("lapsing");
        assertThat(stored).isEqualTo(copyOfStored);
    }
}

package org.touchpointcrm.segmentation.sweep;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.profile.ProfileDerivations;
import org.touchpointcrm.segmentation.profile.ProfileUpdater;
import org.touchpointcrm.segmentation.query.ProfileView;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;

/**
 * A profile read is true at the instant of the read: the stored profile's windows, RFM scores,
 * life-cycle stage and segments are brought up to the read's {@code asOf} the way the sweep would
 * bring them (the same derivations and evaluator), on a copy; the store is not written. So a read
 * between a due instant and the sweep's next look already shows what the sweep is about to emit.
 */
@Component
public class ProfileAsOf {

    /** The key the profile's JSON states the read's instant under. */
    public static final String AS_OF = "asOf";

    private final ProfileUpdater updater;
    private final SegmentEvaluator segments;
    private final Clock clock;

    public ProfileAsOf(SegmentationProperties properties, SegmentEvaluator segments, Clock clock) {
        this.updater = new ProfileUpdater(new ProfileDerivations(properties.profileSettings()));
        this.segments = segments;
        this.clock = clock;
    }

    /** The stored profile as of now; {@code updatedAt} stays when it was last written. */
    public CustomerProfile asOf(CustomerProfile stored, Instant now) {
        CustomerProfile copy = CustomerProfile.newBuilder(stored).build();
        segments.reevaluate(updater.passTime(copy, now), now, TimeSweep.TIME_TRIGGER + now);
        copy.setUpdatedAt(stored.getUpdatedAt());
        return copy;
    }

    /** The profile's JSON as of now, with {@code asOf} saying when that is. */
    public Map<String, Object> view(CustomerProfile stored) {
        Instant now = clock.instant();
        Map<String, Object> json = ProfileView.of(asOf(stored, now));
        json.put(AS_OF, now.toString());
        return json;
    }
}

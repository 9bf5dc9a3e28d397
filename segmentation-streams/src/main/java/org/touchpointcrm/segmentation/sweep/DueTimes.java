package org.touchpointcrm.segmentation.sweep;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.segmentation.profile.ProfileUpdater;
import org.touchpointcrm.segmentation.segments.Segment;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;

/**
 * When a profile is next due: the earliest instant at which a derived field (windows, RFM, life cycle)
 * or the answer of a rule that reads the clock could change without an event. Early is harmless (the
 * sweep finds nothing changed and looks further); late is not, so a rule whose clock reads cannot be
 * analysed is due again after the fallback interval.
 */
public final class DueTimes {

    private final ProfileUpdater updater;
    private final SegmentEvaluator segments;
    private final Duration fallback;

    public DueTimes(ProfileUpdater updater, SegmentEvaluator segments, Duration fallback) {
        this.updater = updater;
        this.segments = segments;
        this.fallback = fallback;
    }

    /** After {@code now}, or empty when only an event can change the profile. */
    public Optional<Instant> next(CustomerProfile profile, Instant now) {
        Instant next = updater.nextDerivedChange(profile, now).orElse(null);
        for (Segment segment : segments.segments()) {
            if (!segment.rule().dependsOnTime()) {
                continue;
            }
            Instant at = segment.rule().clockAnalysable() ? segment.rule().nextChange(profile, now).orElse(null)
                    : now.plus(fallback);
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return Optional.ofNullable(next);
    }
}

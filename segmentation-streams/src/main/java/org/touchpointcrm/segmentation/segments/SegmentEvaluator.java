package org.touchpointcrm.segmentation.segments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;

/**
 * The one place membership is decided: which segments a profile is in now, and the changes from
 * the membership it had. The profile carries its membership, so a change is emitted once per real
 * change and never for a non-change.
 */
public final class SegmentEvaluator {

    private final List<Segment> segments;

    public SegmentEvaluator(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    /**
     * Sets {@code profile}'s membership to what its rules say now and returns the changes.
     *
     * @param triggeringEventId the touchpoint behind the re-evaluation, or null when time passed
     */
    public List<SegmentChange> reevaluate(CustomerProfile profile, Instant now, String triggeringEventId) {
        Set<String> before = new HashSet<>(profile.getSegments());
        List<String> after = new ArrayList<>();
        List<SegmentChange> changes = new ArrayList<>();
        for (Segment segment : segments) {
            boolean member = segment.matches(profile);
            if (member) {
                after.add(segment.id());
            }
            if (member != before.contains(segment.id())) {
                changes.add(SegmentChange.newBuilder()
                        .setCustomerId(profile.getCustomerId())
                        .setSegmentId(segment.id())
                        .setSegmentVersion(segment.version())
                        .setKind(member ? SegmentChangeKind.ENTERED : SegmentChangeKind.EXITED)
                        .setChangedAt(now)
                        .setTriggeringEventId(triggeringEventId)
                        .setProfileVersion(profile.getVersion())
                        .build());
            }
        }
        after.sort(null);
        profile.setSegments(after);
        return changes;
    }
}

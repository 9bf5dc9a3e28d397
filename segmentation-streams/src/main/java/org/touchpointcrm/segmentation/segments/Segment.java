package org.touchpointcrm.segmentation.segments;

import java.time.Instant;

import org.touchpointcrm.avro.CustomerProfile;

/** A named rule over the profile. Its version grows whenever its rule changes. */
public record Segment(String id, int version, String name, String description, SegmentRule rule) {

    public boolean matches(CustomerProfile profile, Instant now) {
        return rule.matches(profile, now);
    }
}

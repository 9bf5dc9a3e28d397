package org.touchpointcrm.segmentation.segments;

import java.time.Instant;
import java.util.Set;

import org.touchpointcrm.avro.CustomerProfile;

/** A compiled membership rule over the profile. */
public interface SegmentRule {

    boolean matches(CustomerProfile profile, Instant now);

    /** The top-level profile fields the rule reads: it need not be asked again while none of them changes. */
    Set<String> fieldsRead();

    /** Whether the answer can change with the clock alone (the rule reads {@code now}). */
    boolean dependsOnTime();
}

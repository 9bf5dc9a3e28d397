package org.touchpointcrm.segmentation.profile;

import org.touchpointcrm.avro.CountedTouchpoint;
import org.touchpointcrm.avro.TouchpointEvent;

/** What a touchpoint adds to a profile's counts and sums, kept so that a merge can count it once. */
public final class CountedTouchpoints {

    private CountedTouchpoints() {
    }

    public static CountedTouchpoint of(TouchpointEvent event) {
        throw new UnsupportedOperationException("profile-merge builds this");
    }
}

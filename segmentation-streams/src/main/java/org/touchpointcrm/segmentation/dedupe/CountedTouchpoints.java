package org.touchpointcrm.segmentation.dedupe;

import org.touchpointcrm.avro.CountedTouchpoint;
import org.touchpointcrm.avro.TouchpointEvent;

/** What a touchpoint adds to a profile's counts and sums, kept so that a merge can count it once. */
public final class CountedTouchpoints {

    private CountedTouchpoints() {
    }

    /** The parts of {@code event} that {@code ProfileUpdater.uncount} needs to take it back out of a profile. */
    public static CountedTouchpoint of(TouchpointEvent event) {
        return new CountedTouchpoint(event.getEventId(), event.getType(), event.getChannel(), event.getOccurredAt(),
                event.getAmount(), event.getCurrency(), event.getRating());
    }
}

package org.touchpointcrm.segmentation.stats;

import java.util.Collection;

/** A segment id that no active segment has. */
public class UnknownSegmentException extends RuntimeException {

    public UnknownSegmentException(Collection<String> unknownIds, int activeCount) {
        super((unknownIds.size() == 1 ? "no active segment has the id '" + unknownIds.iterator().next() + "'"
                : "no active segment has the ids " + unknownIds)
                + "; " + activeCount + " segment" + (activeCount == 1 ? " is" : "s are")
                + " active, GET /v1/segments lists them");
    }
}

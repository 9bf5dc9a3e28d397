package org.touchpointcrm.segmentation.stats;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where the REST API reads segment figures; {@link SegmentStatsStores} reads the state stores of
 * whichever instances own the segments. Both methods throw
 * {@link org.touchpointcrm.segmentation.query.StoreUnavailableException} while the figures cannot be read.
 */
public interface SegmentStatsLookup {

    /**
     * @param forwarded whether another instance passed this query on (then it is not passed on again)
     * @return the current size of each of these segments that has had a change; the others are absent
     */
    Map<String, Long> sizes(Collection<String> segmentIds, boolean forwarded);

    /** The segment's hours whose start lies in the period, oldest first. */
    List<HourStats> hours(String segmentId, StatsPeriod period, boolean forwarded);
}

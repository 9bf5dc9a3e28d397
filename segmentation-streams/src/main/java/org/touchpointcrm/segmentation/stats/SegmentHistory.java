package org.touchpointcrm.segmentation.stats;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/segments/{id}/stats}: the hours of [from, to) in which the segment changed, oldest
 * first. An hour without a change is left out; the size carries over from the hour before it.
 */
public record SegmentHistory(String segmentId, Instant from, Instant to, List<HourStats> hours) {
}

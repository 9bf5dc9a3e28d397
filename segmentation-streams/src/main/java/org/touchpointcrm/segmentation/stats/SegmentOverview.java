package org.touchpointcrm.segmentation.stats;

import java.util.List;

import org.touchpointcrm.segmentation.segments.Segment;

/** One active segment in {@code GET /v1/segments}: its definition's description and its size now. */
public record SegmentOverview(String id, String name, String description, int version, long size) {

    public static SegmentOverview of(Segment segment, long size) {
        return new SegmentOverview(segment.id(), segment.name(), segment.description(), segment.version(), size);
    }

    /** {@code GET /v1/segments}: an object, so the answer can grow fields without breaking clients. */
    public record Listing(List<SegmentOverview> segments) {
    }
}

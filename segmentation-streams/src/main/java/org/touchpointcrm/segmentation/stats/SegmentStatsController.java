package org.touchpointcrm.segmentation.stats;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.touchpointcrm.segmentation.query.StoreQueries;
import org.touchpointcrm.segmentation.segments.Segment;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;

/**
 * The active segments with their sizes now, and each segment's hourly history. The figures come
 * from {@link SegmentStatsLookup}, which finds the instance that holds them; errors are
 * {@link org.touchpointcrm.segmentation.SegmentationProblems}.
 */
@RestController
public class SegmentStatsController {

    private final SegmentEvaluator segments;
    private final SegmentStatsLookup lookup;
    private final Clock clock;

    public SegmentStatsController(SegmentEvaluator segments, SegmentStatsLookup lookup, Clock clock) {
        this.segments = segments;
        this.lookup = lookup;
        this.clock = clock;
    }

    /**
     * Every active segment, or those named by {@code id} (repeatable; instances use it to ask each
     * other for the segments they own), with its size: 0 until its first change.
     */
    @GetMapping("/v1/segments")
    public SegmentOverview.Listing segments(@RequestParam(name = "id", required = false) Set<String> ids,
                                            @RequestHeader(name = StoreQueries.FORWARDED_HEADER, defaultValue = "false") boolean forwarded) {
        List<Segment> listed = ids == null || ids.isEmpty() ? segments.segments()
                : segments.segments().stream().filter(segment -> ids.contains(segment.id())).toList();
        if (ids != null && listed.size() < ids.size()) {
            Set<String> known = Set.copyOf(listed.stream().map(Segment::id).toList());
            throw new UnknownSegmentException(ids.stream().filter(id -> !known.contains(id)).sorted().toList(),
                    segments.segments().size());
        }
        Map<String, Long> sizes = lookup.sizes(listed.stream().map(Segment::id).toList(), forwarded);
        return new SegmentOverview.Listing(listed.stream()
                .map(segment -> SegmentOverview.of(segment, sizes.getOrDefault(segment.id(), 0L)))
                .toList());
    }

    /**
     * The hours whose start lies in [from, to) in which the segment changed, oldest first; by
     * default the last 24 hours up to now. A retired or drafted segment keeps its history.
     */
    @GetMapping("/v1/segments/{segmentId}/stats")
    public SegmentHistory stats(@PathVariable String segmentId,
                                @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to,
                                @RequestHeader(name = StoreQueries.FORWARDED_HEADER, defaultValue = "false") boolean forwarded) {
        if (segments.catalogue().entry(segmentId).isEmpty()) {
            throw new UnknownSegmentException(List.of(segmentId), segments.segments().size());
        }
        StatsPeriod period = StatsPeriod.parse(from, to, clock);
        return new SegmentHistory(segmentId, period.from(), period.to(), lookup.hours(segmentId, period, forwarded));
    }
}

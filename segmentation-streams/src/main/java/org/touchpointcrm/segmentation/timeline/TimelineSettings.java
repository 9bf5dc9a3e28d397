package org.touchpointcrm.segmentation.timeline;

import java.time.Duration;

/**
 * How much contact history the timeline keeps per customer: at most {@code maxEntries} contacts, none
 * older than {@code maxAge}, each text cut to {@code maxTextChars}. Together they bound the bytes per
 * customer (docs/benchmarks.md, Customer timeline).
 *
 * @param maxEntries   the newest contacts kept; older ones fall out as new ones arrive
 * @param maxAge       contacts whose occurredAt is older than this are dropped when the timeline is next written
 * @param maxTextChars feedback and reply texts are kept up to this many characters
 */
public record TimelineSettings(int maxEntries, Duration maxAge, int maxTextChars) {

    public static final TimelineSettings DEFAULTS = new TimelineSettings(100, Duration.ofDays(365), 500);
    /** One answer reads one stored value; this keeps it small enough to read on a web thread. */
    public static final int MOST_ENTRIES = 1000;

    public TimelineSettings {
        if (maxEntries < 1 || maxEntries > MOST_ENTRIES) {
            throw new IllegalArgumentException("crm.segmentation.timeline.max-entries: " + maxEntries
                    + " must be 1.." + MOST_ENTRIES + ", e.g. 100");
        }
        if (maxAge == null || maxAge.isZero() || maxAge.isNegative()) {
            throw new IllegalArgumentException("crm.segmentation.timeline.max-age: " + maxAge
                    + " must be positive, e.g. 365d");
        }
        if (maxTextChars < 0) {
            throw new IllegalArgumentException("crm.segmentation.timeline.max-text-chars: " + maxTextChars
                    + " must be 0 or more, e.g. 500");
        }
    }
}

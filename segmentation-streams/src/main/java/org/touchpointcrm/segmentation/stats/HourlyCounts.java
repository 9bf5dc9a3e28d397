package org.touchpointcrm.segmentation.stats;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.avro.SegmentStats;

/**
 * How one segment change moves a segment's figures: its size, and the counts of the UTC hour it
 * happened in. Plain functions, so the arithmetic is tested without Kafka.
 */
public final class HourlyCounts {

    private HourlyCounts() {
    }

    /** The UTC hour an instant belongs to. */
    public static Instant hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    /** Members after the change: one more for an entry, one fewer for an exit. */
    public static long sizeAfter(long sizeBefore, SegmentChange change) {
        return change.getKind() == SegmentChangeKind.ENTERED ? sizeBefore + 1 : sizeBefore - 1;
    }

    /**
     * The hour's figures with one more change counted.
     *
     * @param hourSoFar the hour's figures before, or null for the hour's first change
     * @param sizeAfter the segment's size after this change (see {@link #sizeAfter})
     */
    public static SegmentStats count(SegmentStats hourSoFar, SegmentChange change, long sizeAfter) {
        boolean entered = change.getKind() == SegmentChangeKind.ENTERED;
        SegmentStats.Builder hour = hourSoFar == null
                ? SegmentStats.newBuilder().setSegmentId(change.getSegmentId())
                        .setHourStart(hourOf(change.getChangedAt())).setEntered(0).setExited(0)
                        .setUpdatedAt(change.getChangedAt())
                : SegmentStats.newBuilder(hourSoFar);
        if (entered) {
            hour.setEntered(hour.getEntered() + 1);
        } else {
            hour.setExited(hour.getExited() + 1);
        }
        Instant newest = hour.getUpdatedAt().isAfter(change.getChangedAt()) ? hour.getUpdatedAt() : change.getChangedAt();
        return hour.setSize(sizeAfter).setUpdatedAt(newest).build();
    }
}

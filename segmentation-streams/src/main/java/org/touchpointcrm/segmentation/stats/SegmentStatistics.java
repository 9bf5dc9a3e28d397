package org.touchpointcrm.segmentation.stats;

import java.time.Duration;

import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentStats;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;

/**
 * Segment sizes and hourly entered/exited counts, from the segment changes to crm.segment-stats:
 * re-keyed by segment so one task counts each segment, then {@link CountSegmentChanges}.
 *
 * <p>An hour is the UTC hour of the changes' changedAt. Its size is the segment's size after the
 * newest change counted in it, in the order the changes reach the counter; a change that arrives
 * after a later hour was counted (instances' clocks differ by a little) still counts in its own hour.
 * The sizes start with the first change this topology sees: a segment's members from before are
 * not counted.
 */
public final class SegmentStatistics {

    /** The repartition topic that groups changes by segment. */
    public static final String BY_SEGMENT = "by-segment";

    private SegmentStatistics() {
    }

    /**
     * @param changes  the segment changes as written to crm.segment-changes, keyed by customer
     * @param interval how often a changed (segment, hour) is written at most
     * @param members  where the sizes are reported as a gauge
     */
    public static void addTo(KStream<String, SegmentChange> changes, CrmSerdes serdes, Duration interval,
                             SegmentMembers members) {
        changes.selectKey((customerId, change) -> change.getSegmentId(), Named.as("key-changes-by-segment"))
                .repartition(Repartitioned.<String, SegmentChange>as(BY_SEGMENT)
                        .withKeySerde(serdes.key(Topics.SEGMENT_CHANGES))
                        .withValueSerde(serdes.value(Topics.SEGMENT_CHANGES)))
                .process(CountSegmentChanges.supplier(interval, serdes.value(Topics.SEGMENT_STATS), members),
                        Named.as("count-segment-changes"))
                .to(Topics.SEGMENT_STATS.name(), serdes.produced(Topics.SEGMENT_STATS));
    }
}

package org.touchpointcrm.segmentation.stats;

import java.time.Instant;

import org.touchpointcrm.avro.SegmentStats;

/** One hour of a segment in the REST API; size is the members after the hour's newest change. */
public record HourStats(Instant hourStart, long entered, long exited, long size) {

    public static HourStats of(SegmentStats stats) {
        return new HourStats(stats.getHourStart(), stats.getEntered(), stats.getExited(), stats.getSize());
    }
}

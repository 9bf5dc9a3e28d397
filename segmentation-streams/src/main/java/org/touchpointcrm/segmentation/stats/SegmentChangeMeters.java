package org.touchpointcrm.segmentation.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.avro.TouchpointEvent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The segment changes this instance emits, as meters: {@value #CHANGES} by segment and change (ENTERED or
 * EXITED), whatever caused them; and {@value #LATENCY}, by channel, the time from a touchpoint's occurredAt to
 * the segment changes it caused being emitted, once per change. Segment ids come from the authenticated
 * definitions API and channels from the schema, never from a sender, so the series stay bounded.
 *
 * <p>The latency counts from occurredAt, as the sender's clock says, so late and imported touchpoints weigh in
 * with their whole delay (beyond a minute, in the +Inf bucket); a touchpoint from a clock a little ahead counts as 0.
 */
public final class SegmentChangeMeters {

    public static final String CHANGES = "crm.segmentation.segment.changes";
    public static final String LATENCY = "crm.segmentation.latency";
    /** Bucket bounds around the README's promise of segment membership "within a second". */
    static final Duration[] SERVICE_LEVELS = {Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    private final Map<Channel, Timer> latencyByChannel = new EnumMap<>(Channel.class);
    private final Map<SegmentChangeKind, ConcurrentMap<String, Counter>> changesByKind = new EnumMap<>(SegmentChangeKind.class);

    public SegmentChangeMeters(MeterRegistry registry) {
        this.registry = registry;
        // Filled here, read-only afterwards: the stream threads share this object without locks. No UNKNOWN:
        // InputRules dead-letters a touchpoint of a channel this reader does not know.
        for (Channel channel : EnumSet.complementOf(EnumSet.of(Channel.UNKNOWN))) {
            latencyByChannel.put(channel, Timer.builder(LATENCY)
                    .description("From a touchpoint's occurredAt to the segment change it caused being emitted")
                    .tag("channel", channel.name())
                    .publishPercentileHistogram()
                    .serviceLevelObjectives(SERVICE_LEVELS)
                    .minimumExpectedValue(Duration.ofMillis(10))
                    .maximumExpectedValue(Duration.ofMinutes(1))
                    .register(registry));
        }
        for (SegmentChangeKind kind : SegmentChangeKind.values()) {
            changesByKind.put(kind, new ConcurrentHashMap<>());
        }
    }

    /** Counts one emitted segment change. */
    public void emitted(SegmentChange change) {
        changesByKind.get(change.getKind()).computeIfAbsent(change.getSegmentId(), segmentId -> Counter.builder(CHANGES)
                        .description("Segment changes emitted to crm.segment-changes")
                        .tag("segment", segmentId)
                        .tag("change", change.getKind().name())
                        .register(registry))
                .increment();
    }

    /**
     * @param changes   how many segment changes the touchpoint caused
     * @param emittedAt when they were handed on to be written
     */
    public void causedBy(TouchpointEvent touchpoint, int changes, Instant emittedAt) {
        Duration latency = Duration.between(touchpoint.getOccurredAt(), emittedAt);
        Timer timer = latencyByChannel.get(touchpoint.getChannel());
        if (timer == null) {
            return;   // UNKNOWN, which InputRules keeps out: a meter never fails a record
        }
        for (int i = 0; i < changes; i++) {
            timer.record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }
}

package org.touchpointcrm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.segmentation.hygiene.InputRules;

/**
 * The segmentation benchmark counts a touchpoint as processed when the app has committed it; a
 * record segmentation-streams dead-letters would count without doing the work. So every record the
 * workload makes must pass the app's own input rules. No timing here; speed is measured by
 * {@link SegmentationBenchmark} alone.
 */
class SegmentationWorkloadTest {

    private static final int EVENTS = 20_000;

    private final Instant anchor = Instant.now();
    private final SegmentationWorkload workload =
            new SegmentationWorkload(new BenchmarkTouchpoints(5000, 42), 42, EVENTS, anchor);
    private final InputRules rules = new InputRules(Clock.systemUTC());

    @Test
    void everyHistoryEventPassesSegmentationsInputRules() {
        for (int i = 0; i < EVENTS; i++) {
            TouchpointEvent event = workload.history(i);
            assertThatCode(() -> rules.requireValid(event)).as(event.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void theHistorySpansTheLastYearOldestFirstWithConsentsAndUniqueIds() {
        var ids = new HashSet<String>();
        var types = EnumSet.noneOf(TouchpointType.class);
        for (int i = 0; i < EVENTS; i++) {
            TouchpointEvent event = workload.history(i);
            ids.add(event.getEventId());
            types.add(event.getType());
        }
        assertThat(ids).hasSize(EVENTS);
        assertThat(types).contains(TouchpointType.PURCHASE, TouchpointType.MESSAGE_OPENED, TouchpointType.WEB_VISIT,
                TouchpointType.FEEDBACK, TouchpointType.CONSENT_GIVEN, TouchpointType.CONSENT_WITHDRAWN);
        Instant first = workload.history(1).getOccurredAt();
        Instant last = workload.history(EVENTS - 2).getOccurredAt();
        assertThat(Duration.between(first, anchor)).isBetween(Duration.ofDays(364), Duration.ofDays(365));
        assertThat(Duration.between(last, anchor)).isLessThan(Duration.ofHours(1));
    }

    @Test
    void firstPurchasesAreValidAndEachOfANewCustomer() {
        var a = workload.firstPurchase(7, anchor);
        var b = workload.firstPurchase(8, anchor);
        assertThatCode(() -> rules.requireValid(a)).doesNotThrowAnyException();
        assertThat(a.getType()).isEqualTo(TouchpointType.PURCHASE);
        assertThat(a.getEventId()).isEqualTo("latency-7");
        assertThat(a.getCustomer().getCustomerId()).isNotEqualTo(b.getCustomer().getCustomerId());
    }
}

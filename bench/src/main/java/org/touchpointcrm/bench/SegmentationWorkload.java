package org.touchpointcrm.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.touchpointcrm.avro.BasketLine;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.localstack.RetailChain;

/**
 * The segmentation benchmark's records, built on the ingest benchmark's retail mix
 * ({@link BenchmarkTouchpoints}) so that both benchmarks see the same customers and the same kinds
 * of touchpoints:
 * <ul>
 *   <li>{@link #history}: a year of contact history. Event {@code i} of {@code n} happened
 *       {@code (n - i) / n} of a year ago (oldest first, as a replay of the input topics would
 *       deliver it), so that purchase windows, RFM scores and life-cycle stages have a year to work
 *       on. One event in {@value #CONSENT_EVERY} is a consent given or withdrawn, which the ingest mix
 *       does not send.</li>
 *   <li>{@link #firstPurchase}: the first purchase of a brand-new customer, happening now; it puts
 *       the customer into built-in segments (one-time, new, ...), so each one causes a segment
 *       change whose {@code triggeringEventId} is its eventId.</li>
 * </ul>
 * Event {@code i} is a pure function of the seed, {@code i} and the instant the workload is anchored at.
 */
final class SegmentationWorkload {

    static final int CONSENT_EVERY = 50;
    static final String HISTORY_PHASE = "history";
    static final String LATENCY_PHASE = "latency";
    private static final Duration HISTORY_SPAN = Duration.ofDays(365);
    private static final String[] CONSENT_PURPOSES = {"marketing", "newsletter", "profiling"};
    private static final BasketLine FIRST_BASKET = new BasketLine("SKU-20000", 2, new BigDecimal("6.49"), "Kahvi 500 g");

    private final BenchmarkTouchpoints touchpoints;
    private final long seed;
    private final long historyEvents;
    private final Instant anchor;

    SegmentationWorkload(BenchmarkTouchpoints touchpoints, long seed, long historyEvents, Instant anchor) {
        this.touchpoints = touchpoints;
        this.seed = seed;
        this.historyEvents = historyEvents;
        this.anchor = anchor;
    }

    /** Event {@code index} of the history; {@code receivedAt} is when ingest would have accepted it. */
    TouchpointEvent history(long index) {
        long agoMillis = HISTORY_SPAN.toMillis() * (historyEvents - index) / historyEvents;
        Instant at = anchor.minusMillis(agoMillis);
        TouchpointEvent event = index % CONSENT_EVERY == CONSENT_EVERY - 1
                ? consent(index, at)
                : touchpoints.touchpoint(HISTORY_PHASE, index, at).event();
        event.setReceivedAt(Instant.now());
        return event;
    }

    /** The first purchase of customer {@code bench-new-<index>}, happening {@code now}. */
    TouchpointEvent firstPurchase(long index, Instant now) {
        String customerId = "bench-new-%07d".formatted(index);
        return TouchpointEvent.newBuilder()
                .setEventId(LATENCY_PHASE + "-" + index)
                .setOccurredAt(now)
                .setReceivedAt(now)
                .setChannel(Channel.POS)
                .setType(TouchpointType.PURCHASE)
                .setCustomer(new CustomerIdentifiers(customerId, null, null, null, null))
                .setAmount(new BigDecimal("12.98"))
                .setCurrency("EUR")
                .setStoreId(RetailChain.STORES[(int) (index % RetailChain.STORES.length)][0])
                .setSource(BenchmarkTouchpoints.SOURCE)
                .setLines(List.of(FIRST_BASKET))
                .setAttributes(Map.of())
                .build();
    }

    private TouchpointEvent consent(long index, Instant at) {
        var random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index + 1);
        var customer = touchpoints.customer(random.nextInt(touchpoints.customerCount()));
        boolean email = random.nextBoolean();
        boolean given = random.nextInt(5) != 0;
        return TouchpointEvent.newBuilder()
                .setEventId(HISTORY_PHASE + "-" + index)
                .setOccurredAt(at)
                .setChannel(email ? Channel.EMAIL : Channel.SMS)
                .setType(given ? TouchpointType.CONSENT_GIVEN : TouchpointType.CONSENT_WITHDRAWN)
                .setCustomer(email ? new CustomerIdentifiers(customer.id(), customer.email(), null, null, null)
                        : new CustomerIdentifiers(customer.id(), null, customer.phone(), null, null))
                .setConsentPurpose(CONSENT_PURPOSES[random.nextInt(CONSENT_PURPOSES.length)])
                .setSource(BenchmarkTouchpoints.SOURCE)
                .setAttributes(Map.of())
                .build();
    }
}

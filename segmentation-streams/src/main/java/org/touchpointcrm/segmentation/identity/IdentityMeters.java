package org.touchpointcrm.segmentation.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The identity graph's counters; none is tagged by customer or identifier (docs/identity.md, Metrics).
 *
 * @param capped    identifiers not linked because their customer holds the kind's maximum
 * @param conflicts link requests or retirements dead-lettered because two register ids claimed one identifier
 * @param loops     handoffs dead-lettered because they passed more retired customers than a chain can have
 */
public record IdentityMeters(Counter capped, Counter conflicts, Counter loops) {

    public static final String CAPPED = "crm.segmentation.identity.capped";
    public static final String CONFLICTS = "crm.segmentation.identity.conflicts";
    public static final String LOOPS = "crm.segmentation.identity.handoff-loops";

    public static IdentityMeters register(MeterRegistry meters) {
        return new IdentityMeters(
                Counter.builder(CAPPED).description("Identifiers not linked: their customer holds the kind's maximum")
                        .register(meters),
                Counter.builder(CONFLICTS).description("Identifiers claimed by two register customer ids, dead-lettered"
                        + " for a person to decide").register(meters),
                Counter.builder(LOOPS).description("Profile handoffs dead-lettered after too many retired customers")
                        .register(meters));
    }
}

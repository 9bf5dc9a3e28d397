package org.touchpointcrm.ingest.touchpoints;

import org.touchpointcrm.ingest.FieldViolation;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.ingest.access.ApiClient;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of what ingest accepted and refused: {@code crm.ingest.touchpoints.accepted} by source,
 * channel and type; {@code crm.ingest.touchpoints.rejected} by source and failing field.
 * Request latency comes from Spring's {@code http.server.requests}.
 */
@Component
public class IngestMetrics {

    public static final String ACCEPTED = "crm.ingest.touchpoints.accepted";
    public static final String REJECTED = "crm.ingest.touchpoints.rejected";

    private static final Set<String> KNOWN_FIELDS = Set.of("eventId", "occurredAt", "channel", "type",
            "customer", "customer.email", "customer.phone", "customer.customerId", "customer.loyaltyCardId",
            "amount", "currency", "storeId", "imported", "attributes", "(item)");

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(ApiClient client, TouchpointEvent event) {
        registry.counter(ACCEPTED, "source", client.name(), "channel", event.getChannel().name(),
                "type", event.getType().name()).increment();
    }

    /** One count per refused touchpoint, tagged with its first failing field. */
    void rejected(ApiClient client, List<FieldViolation> violations) {
        String field = violations.isEmpty() ? "(none)" : boundedTag(violations.getFirst().field());
        registry.counter(REJECTED, "source", client.name(), "field", field).increment();
    }

    /** Attribute names and parser paths come from the sender: never let them become tag values. */
    private static String boundedTag(String field) {
        if (field.startsWith("attributes.")) {
            return "attributes";
        }
        return KNOWN_FIELDS.contains(field) ? field : "(unreadable)";
    }
}

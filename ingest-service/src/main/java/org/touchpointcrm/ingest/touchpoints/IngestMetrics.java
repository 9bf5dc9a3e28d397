package org.touchpointcrm.ingest.touchpoints;

import org.touchpointcrm.ingest.input.FieldViolation;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of what ingest accepted and refused: {@code crm.ingest.touchpoints.accepted} by source,
 * channel and type; {@code crm.ingest.touchpoints.rejected} by source, channel, type, failing field and
 * why it failed ({@link RejectionReason}). Request latency comes from Spring's {@code http.server.requests}.
 */
@Component
public class IngestMetrics {

    public static final String ACCEPTED = "crm.ingest.touchpoints.accepted";
    public static final String REJECTED = "crm.ingest.touchpoints.rejected";

    private static final Set<String> KNOWN_FIELDS = Set.of("eventId", "occurredAt", "channel", "type",
            "customer", "customer.email", "customer.phone", "customer.customerId", "customer.loyaltyCardId", "customer.anonymousId",
            "amount", "currency", "storeId", "imported", "attributes", "lines", "text", "rating", "consentPurpose",
            "messageId", "(item)");

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(ApiClient client, TouchpointEvent event) {
        registry.counter(ACCEPTED, "source", client.name(), "channel", event.getChannel().name(),
                "type", event.getType().name()).increment();
    }

    /**
     * One count per refused touchpoint, tagged with its channel and type (as far as they were
     * valid) and its first failing field and why that failed.
     */
    public void rejected(ApiClient client, TouchpointRequest request, List<FieldViolation> violations) {
        String field = violations.isEmpty() ? "(none)" : boundedTag(violations.getFirst().field());
        String reason = violations.isEmpty() ? "(none)" : RejectionReason.of(violations.getFirst()).tag();
        registry.counter(REJECTED, "source", client.name(), "channel", enumTag(Channel.class, request == null ? null : request.channel()),
                "type", enumTag(TouchpointType.class, request == null ? null : request.type()), "field", field,
                "reason", reason).increment();
    }

    /** A value of the enum, or "(invalid)": what the sender wrote never becomes a tag value. */
    private static <E extends Enum<E>> String enumTag(Class<E> type, String value) {
        if (value == null) {
            return "(invalid)";
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            return "(invalid)";
        }
    }

    /** Attribute names, basket line indexes and parser paths come from the sender: never let them become tag values. */
    private static String boundedTag(String field) {
        if (field.startsWith("attributes.")) {
            return "attributes";
        }
        if (field.startsWith("lines[")) {
            return "lines";
        }
        return KNOWN_FIELDS.contains(field) ? field : "(unreadable)";
    }
}

package org.touchpointcrm.segmentation.identity;

import java.time.Clock;
import java.time.Instant;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.touchpointcrm.avro.IdentityLink;
import org.touchpointcrm.avro.TouchpointEvent;

/**
 * Re-keys a touchpoint, which arrives keyed by its primary reference on that reference's partition, to the
 * customer the reference points to. A reference seen for the first time names a new customer: itself. That makes
 * ids deterministic (a replay of the same input gives the same customers) and keeps the keys profiles had before
 * the identity graph. The event's other references are linked later, by update-profile's link requests.
 */
public final class ResolveCustomer implements Processor<String, TouchpointEvent, String, ResolveCustomer.Resolved> {

    /**
     * @param inPlace whether the customer's profile lives on this partition, so no repartition is needed
     * @param newLink the link to publish when the reference was new, else null
     */
    public record Resolved(TouchpointEvent event, boolean inPlace, IdentityLink newLink) {
    }

    private final IdentityRules rules;
    private final int partitions;
    private final Clock clock;
    private ProcessorContext<String, Resolved> context;
    private KeyValueStore<String, String> links;

    public ResolveCustomer(IdentityRules rules, int partitions, Clock clock) {
        this.rules = rules;
        this.partitions = partitions;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Resolved> context) {
        this.context = context;
        this.links = context.getStateStore(IdentityGraph.STORE);
    }

    @Override
    public void process(Record<String, TouchpointEvent> record) {
        TouchpointEvent event = record.value();
        String primary = rules.primary(event.getCustomer());
        String customerId = links.get(primary);
        IdentityLink newLink = null;
        if (customerId == null) {
            customerId = primary;
            // A never-link reference names a customer of its own but is not remembered: it must not become a
            // shared key that other events resolve through.
            if (rules.linkable(primary)) {
                links.put(primary, customerId);
                newLink = new IdentityLink(primary, customerId, Instant.now(clock), event.getEventId());
            }
        }
        String resolved = customerId;
        boolean inPlace = context.recordMetadata()
                .map(source -> source.partition() == CheckPlacement.partitionOf(resolved, partitions)).orElse(false);
        context.forward(record.withKey(customerId).withValue(new Resolved(event, inPlace, newLink)));
    }
}

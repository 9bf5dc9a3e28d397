package org.touchpointcrm.segmentation.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.touchpointcrm.avro.HandoffKind;
import org.touchpointcrm.avro.IdentityLink;
import org.touchpointcrm.avro.LinkKind;
import org.touchpointcrm.avro.LinkRequest;
import org.touchpointcrm.avro.ProfileHandoff;
import org.touchpointcrm.segmentation.hygiene.RejectedRecordException;

/**
 * The owner of a reference's link (crm.identity-link-requests is keyed by reference): points the reference at the
 * customer it was seen with, and when it already points at another customer, the two are one person and the
 * weaker is retired into the stronger (docs/identity.md, Merge rules). Two register ids are never merged: such a
 * request goes to the dead-letter topic for a person to decide.
 */
public final class LinkIdentifier implements Processor<String, LinkRequest, String, LinkIdentifier.Outcome> {

    /** Why a link request was dead-lettered; in the {@code __streams.errors.message} header. */
    public static final String CONFLICT_REASON = "identity conflict: two register customer ids claim one identifier";

    /** Exactly one of the two: a link to publish (keyed by reference) or a retirement to hand off (keyed by loser). */
    public record Outcome(IdentityLink link, ProfileHandoff retire) {
    }

    private final IdentityRules rules;
    private final Clock clock;
    private final IdentityMeters meters;
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, String> links;

    public LinkIdentifier(IdentityRules rules, Clock clock, IdentityMeters meters) {
        this.rules = rules;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.links = context.getStateStore(IdentityGraph.STORE);
    }

    @Override
    public void process(Record<String, LinkRequest> record) {
        LinkRequest request = record.value();
        String reference = request.getIdentifier();
        String customerId = request.getCustomerId();
        if (!rules.linkable(reference)) {
            return; // the list may have grown since the request was sent
        }
        String current = links.get(reference);
        if (request.getKind() == LinkKind.RELINK && current != null && current.equals(request.getReplacing())) {
            point(record, reference, customerId, request);
            return;
        }
        if (current == null) {
            point(record, reference, customerId, request);
        } else if (!current.equals(customerId)) {
            merge(record, reference, current, customerId, request);
        }
    }

    private void merge(Record<String, LinkRequest> record, String reference, String current, String claimant,
                       LinkRequest request) {
        Optional<String> survivor = rules.survivor(current, claimant);
        if (survivor.isEmpty()) {
            meters.conflicts().increment();
            // Thrown before any store write: Streams' dead-letter handler sends the request as it came.
            throw new RejectedRecordException(CONFLICT_REASON + " (event " + request.getEventId()
                    + "); the identifier keeps its customer until a person decides, see docs/identity.md");
        }
        String winner = survivor.get();
        String loser = winner.equals(current) ? claimant : current;
        if (!winner.equals(current)) {
            point(record, reference, winner, request);
        }
        ProfileHandoff retire = ProfileHandoff.newBuilder()
                .setTarget(loser).setKind(HandoffKind.RETIRE).setInto(winner).setEventId(request.getEventId())
                .build();
        context.forward(record.withKey(loser).withValue(new Outcome(null, retire)));
    }

    private void point(Record<String, LinkRequest> record, String reference, String customerId, LinkRequest request) {
        links.put(reference, customerId);
        IdentityLink link = new IdentityLink(reference, customerId, Instant.now(clock), request.getEventId());
        context.forward(record.withValue(new Outcome(link, null)));
    }
}

package org.touchpointcrm.segmentation.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.apache.kafka.streams.state.KeyValueStore;
import org.touchpointcrm.avro.CountedTouchpoint;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.avro.HandoffKind;
import org.touchpointcrm.avro.LinkKind;
import org.touchpointcrm.avro.LinkRequest;
import org.touchpointcrm.avro.ProfileHandoff;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.schemas.CustomerProfiles;
import org.touchpointcrm.schemas.CustomerReference;
import org.touchpointcrm.segmentation.dedupe.CountedEvents;
import org.touchpointcrm.segmentation.dedupe.CountedTouchpoints;
import org.touchpointcrm.segmentation.hygiene.RejectedRecordException;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.segmentation.sweep.TimeSweep;

/**
 * A merge as one customer's task hands work to another's over crm.profile-handoffs (docs/identity.md, Merge):
 * RETIRE at the weaker customer leaves a stub pointing at the survivor and hands its profile, counted touchpoints
 * and timeline over; ABSORB at the survivor adds them, each touchpoint counted once; REDIRECT carries a touchpoint
 * that reached a retired customer on. Each step is idempotent, so a merge that arrives twice changes nothing.
 */
final class MergeHandoffs {

    /** SegmentChange.triggeringEventId of a change caused by a merge: {@code merge@<the other customer>}. */
    static final String MERGE_TRIGGER = "merge@";
    /** More retired customers in a row than any real chain has: a cycle, dead-lettered rather than looped. */
    static final int MAX_HOPS = 10;

    private final ProfileIdentity identity;
    private final ProfileUpdater updater;
    private final SegmentEvaluator segments;
    private final KeyValueStore<String, CustomerProfile> profiles;
    private final CountedEvents counted;
    private final KeyValueStore<String, CustomerTimeline> timelines;
    private final TimeSweep.Task sweep;
    private final BiConsumer<String, ProfileUpdate> forward;
    /** Applies a touchpoint to a live customer as if it had arrived there. */
    private final BiConsumer<String, TouchpointEvent> apply;

    MergeHandoffs(ProfileIdentity identity, ProfileUpdater updater, SegmentEvaluator segments, KeyValueStore<String, CustomerProfile> profiles,
                  CountedEvents counted, KeyValueStore<String, CustomerTimeline> timelines, TimeSweep.Task sweep,
                  BiConsumer<String, ProfileUpdate> forward, BiConsumer<String, TouchpointEvent> apply) {
        this.identity = identity;
        this.updater = updater;
        this.segments = segments;
        this.profiles = profiles;
        this.counted = counted;
        this.timelines = timelines;
        this.sweep = sweep;
        this.forward = forward;
        this.apply = apply;
    }

    void handle(String customerId, ProfileHandoff handoff, long timestamp, Instant now) {
        switch (handoff.getKind()) {
            case RETIRE -> retire(customerId, handoff.getInto(), handoff.getEventId(), now);
            case ABSORB -> absorb(customerId, handoff, timestamp, now);
            case REDIRECT -> redirect(customerId, handoff, timestamp, now);
        }
    }

    /** A touchpoint reached a customer already merged into another: it belongs to the survivor. */
    void passOn(String retired, CustomerProfile stub, TouchpointEvent event, int hops) {
        forward.accept(retired, ProfileUpdate.handoff(next(ProfileHandoff.newBuilder()
                .setTarget(stub.getMergedInto()).setKind(HandoffKind.REDIRECT).setTouchpoint(event)
                .setEventId(event.getEventId()).setHops(hops).build(), stub.getMergedInto())));
    }

    private void retire(String retired, String survivor, String eventId, Instant now) {
        if (retired.equals(survivor)) {
            return;
        }
        CustomerProfile stored = profiles.get(retired);
        String earlier = stored == null ? null : stored.getMergedInto();
        if (survivor.equals(earlier)) {
            return; // a merge that arrives twice
        }
        if (earlier != null) {
            // Retired into another already: the two survivors are one person too.
            Optional<String> winner = identity.rules().survivor(survivor, earlier);
            if (winner.isEmpty()) {
                throw conflict(eventId);
            }
            String loser = winner.get().equals(survivor) ? earlier : survivor;
            forward.accept(retired, ProfileUpdate.handoff(ProfileHandoff.newBuilder().setTarget(loser)
                    .setKind(HandoffKind.RETIRE).setInto(winner.get()).setEventId(eventId).build()));
            return;
        }
        if (CustomerReference.isRegisterId(retired)) {
            throw conflict(eventId);
        }
        String trigger = MERGE_TRIGGER + survivor;
        CustomerProfile stub = CustomerProfiles.empty(retired, now);
        stub.setVersion((stored == null ? 0 : stored.getVersion()) + 1);
        TreeSet<String> identifiers = new TreeSet<>(stored == null ? List.of() : stored.getIdentifiers());
        if (identity.rules().linkable(retired)) {
            identifiers.add(retired); // resolve-customer named it after this reference
        }
        stub.setIdentifiers(new ArrayList<>(identifiers));
        stub.setMergedInto(survivor);
        List<SegmentChange> exits = segments.exitAll(stored == null ? List.of() : stored.getSegments(), stub, now,
                trigger);
        CustomerTimeline timeline = timelines.get(retired);
        timelines.delete(retired);
        ProfileHandoff absorb = ProfileHandoff.newBuilder().setTarget(survivor).setKind(HandoffKind.ABSORB)
                .setProfile(stored).setCounted(counted.of(retired)).setTimeline(timeline).setEventId(eventId).build();
        List<LinkRequest> relinks = identifiers.stream()
                .map(reference -> LinkRequest.newBuilder().setIdentifier(reference).setCustomerId(survivor)
                        .setKind(LinkKind.RELINK).setReplacing(retired).setEventId(eventId).build())
                .toList();
        forward.accept(retired, new ProfileUpdate(stub, exits, relinks, List.of(absorb)));
        profiles.put(retired, stub);
        sweep.forget(retired);
    }

    private void absorb(String survivor, ProfileHandoff handoff, long timestamp, Instant now) {
        CustomerProfile stored = profiles.get(survivor);
        if (stored != null && stored.getMergedInto() != null) {
            forward.accept(survivor, ProfileUpdate.handoff(next(handoff, stored.getMergedInto())));
            return;
        }
        CustomerProfile retired = handoff.getProfile();
        if (retired != null && stored != null && stored.getMergedFrom().contains(retired.getCustomerId())) {
            return; // a customer is retired once, so this one was absorbed already
        }
        List<CountedTouchpoint> handedOver = new ArrayList<>();
        for (CountedTouchpoint touchpoint : handoff.getCounted()) {
            if (counted.contains(survivor, touchpoint.getEventId(), timestamp)) {
                if (retired != null) {
                    updater.uncount(retired, touchpoint, now);
                }
            } else {
                handedOver.add(touchpoint);
            }
        }
        handedOver.forEach(touchpoint -> counted.put(survivor, touchpoint, timestamp));
        if (handoff.getTimeline() != null) {
            CustomerTimeline merged = identity.timelines().merge(timelines.get(survivor), handoff.getTimeline(), now);
            if (merged != null) {
                timelines.put(survivor, merged);
            }
        }
        if (retired == null) {
            return; // retired before its first touchpoint reached its profile: nothing to add
        }
        CustomerProfile base = stored == null ? CustomerProfiles.empty(survivor, now) : stored;
        ProfileChange change = identity.merger().merge(base, retired, now);
        CustomerProfile after = change.profile();
        List<SegmentChange> changes = segments.reevaluate(stored == null ? new ProfileChange(after, null) : change,
                now, MERGE_TRIGGER + retired.getCustomerId());
        forward.accept(survivor, new ProfileUpdate(after, changes));
        profiles.put(survivor, after);
        sweep.reschedule(survivor, after, now);
    }

    private void redirect(String customerId, ProfileHandoff handoff, long timestamp, Instant now) {
        CustomerProfile stored = profiles.get(customerId);
        if (stored != null && stored.getMergedInto() != null) {
            forward.accept(customerId, ProfileUpdate.handoff(next(handoff, stored.getMergedInto())));
            return;
        }
        TouchpointEvent event = handoff.getTouchpoint();
        if (counted.contains(customerId, event.getEventId(), timestamp)) {
            identity.duplicates().increment();
            return;
        }
        counted.put(customerId, CountedTouchpoints.of(event), timestamp);
        CustomerTimeline timeline = identity.timelines().add(timelines.get(customerId), event, now);
        if (timeline != null) {
            timelines.put(customerId, timeline);
        }
        apply.accept(customerId, event);
    }

    /** The same handoff one retired customer further on; a chain longer than any real one is a cycle. */
    private ProfileHandoff next(ProfileHandoff handoff, String target) {
        int hops = handoff.getHops() + 1;
        if (hops > MAX_HOPS) {
            identity.meters().loops().increment();
            throw new RejectedRecordException("profile handoff passed " + MAX_HOPS + " retired customers (event "
                    + handoff.getEventId() + "): the merge chain has a cycle; see docs/identity.md");
        }
        return ProfileHandoff.newBuilder(handoff).setTarget(target).setHops(hops).build();
    }

    private RejectedRecordException conflict(String eventId) {
        identity.meters().conflicts().increment();
        return new RejectedRecordException("identity conflict: a register customer id would be merged into another"
                + " (event " + eventId + "); both keep their profiles until a person decides, see docs/identity.md");
    }
}

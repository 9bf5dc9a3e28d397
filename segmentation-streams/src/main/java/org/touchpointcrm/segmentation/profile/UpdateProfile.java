package org.touchpointcrm.segmentation.profile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.LinkKind;
import org.touchpointcrm.avro.LinkRequest;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.segmentation.dedupe.CountedEvents;
import org.touchpointcrm.segmentation.identity.IdentityRules;
import org.touchpointcrm.segmentation.timeline.Timeline;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.segmentation.stats.SegmentChangeMeters;
import org.touchpointcrm.segmentation.sweep.TimeSweep;

import io.micrometer.core.instrument.Counter;

/**
 * Kafka plumbing around {@link ProfileUpdater} and {@link SegmentEvaluator}: read, apply, write,
 * forward; and, between records, {@link BackfillSegments} slices over the same profiles and the
 * {@link TimeSweep} re-evaluates the customers that fell due with time alone.
 */
public final class UpdateProfile implements Processor<String, ProfileInput, String, ProfileUpdate> {

    /** The live profiles, queried by {@code GET /v1/customers/{id}/profile}. */
    public static final String STORE = "profiles";
    /** SegmentChange.triggeringEventId of a change caused by the register: {@code register@<updatedAt>}. */
    public static final String REGISTER_TRIGGER = "register@";
    /**
     * How often a task that has no records to process looks for a changed definition. A busy task
     * notices at its next record. Every punctuation makes Kafka Streams commit the task, so the
     * back-fill's short-interval slices are scheduled only while a back-fill is pending.
     */
    public static final Duration BACKFILL_WATCH = Duration.ofSeconds(1);

    private final ProfileUpdater updater;
    private final SegmentEvaluator segments;
    private final Clock clock;
    private final SegmentationProperties.Backfill backfillSettings;
    private final Counter backfilled;
    private final SegmentChangeMeters changeMeters;
    private final TimeSweep timeSweep;
    private final ProfileIdentity identity;
    private TimeSweep.Task sweep;
    private MergeHandoffs merges;
    private ProcessorContext<String, ProfileUpdate> context;
    private KeyValueStore<String, CustomerProfile> profiles;
    private BackfillSegments backfill;
    /** The slices' punctuator while a back-fill is pending, else null. */
    private Cancellable slices;

    /**
     * @param backfilled   counts profiles measured against new definitions, once per definition
     * @param changeMeters times the segment changes a touchpoint causes
     * @param identity     which identifiers a customer takes in and how two become one (docs/identity.md)
     */
    public UpdateProfile(ProfileUpdater updater, SegmentEvaluator segments, Clock clock,
                         SegmentationProperties.Backfill backfillSettings, Counter backfilled,
                         SegmentChangeMeters changeMeters, TimeSweep timeSweep, ProfileIdentity identity) {
        this.updater = updater;
        this.segments = segments;
        this.clock = clock;
        this.backfillSettings = backfillSettings;
        this.backfilled = backfilled;
        this.changeMeters = changeMeters;
        this.timeSweep = timeSweep;
        this.identity = identity;
    }

    /** Cached: a customer updated several times within one commit interval costs one changelog write. */
    public static StoreBuilder<KeyValueStore<String, CustomerProfile>> store(Serde<CustomerProfile> profileSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), profileSerde)
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<String, ProfileUpdate> context) {
        this.context = context;
        this.profiles = context.getStateStore(STORE);
        BiConsumer<String, ProfileUpdate> forward = (customerId, update) ->
                context.forward(new Record<>(customerId, update, clock.millis()));
        this.sweep = timeSweep.start(context, profiles, forward);
        this.backfill = new BackfillSegments(profiles, context.getStateStore(BackfillSegments.STORE), segments,
                backfillSettings.sliceSize(), backfilled, forward,
                (customerId, profile) -> sweep.measured(customerId, profile, clock.instant()));
        this.merges = new MergeHandoffs(identity, updater, segments, profiles,
                new CountedEvents(context.getStateStore(CountedEvents.STORE), identity.dedupeRetention()),
                context.getStateStore(Timeline.STORE), sweep, forward,
                (customerId, event) -> applyTouchpoint(customerId, event, profiles.get(customerId), clock.instant(),
                        clock.millis()));
        context.schedule(BACKFILL_WATCH, PunctuationType.WALL_CLOCK_TIME, wallClock -> slicesIfPending());
    }

    private void slicesIfPending() {
        if (slices == null && backfill.mayBePending()) {
            slices = context.schedule(backfillSettings.interval(), PunctuationType.WALL_CLOCK_TIME, wallClock -> {
                if (!backfill.runSlice(clock.instant())) {
                    slices.cancel();
                    slices = null;
                }
            });
        }
    }

    @Override
    public void process(Record<String, ProfileInput> record) {
        slicesIfPending();
        String customerId = record.key();
        Instant now = clock.instant();
        CustomerProfile stored = profiles.get(customerId);
        switch (record.value()) {
            case ProfileInput.Touchpoint(var event) -> {
                if (stored != null && stored.getMergedInto() != null) {
                    merges.passOn(customerId, stored, event, 0);
                } else {
                    applyTouchpoint(customerId, event, stored, now, record.timestamp());
                }
            }
            case ProfileInput.Register(var master) -> update(customerId, stored,
                    updater.changeMaster(stored, customerId, master, now), REGISTER_TRIGGER + master.getUpdatedAt(),
                    identity.rules().references(master), null, now, record.timestamp());
            case ProfileInput.Handoff(var handoff) -> merges.handle(customerId, handoff, record.timestamp(), now);
        }
    }

    private void applyTouchpoint(String customerId, TouchpointEvent event, CustomerProfile stored, Instant now,
                                 long timestamp) {
        List<SegmentChange> changes = update(customerId, stored, updater.change(stored, customerId, event, now),
                event.getEventId(), identity.rules().references(event.getCustomer()), event.getEventId(), now, timestamp);
        if (changes != null && !changes.isEmpty()) {
            changeMeters.causedBy(event, changes.size(), clock.instant());
        }
    }

    /** @return the segment changes, or null when nothing changed */
    private List<SegmentChange> update(String customerId, CustomerProfile stored, ProfileChange change, String trigger,
                                       List<String> seen, String eventId, Instant now, long timestamp) {
        if (change == null) {
            return null;
        }
        CustomerProfile after = change.profile();
        List<SegmentChange> changes = segments.reevaluate(change, now, trigger);
        List<LinkRequest> links = claim(customerId, after, seen, eventId);
        // Forwarded first, so crm.customer-profiles' serializer (which registers its subject) encodes
        // the profile and the store reuses those bytes (SerializeOnce).
        context.forward(new Record<>(customerId, new ProfileUpdate(after, changes, links, List.of()), timestamp));
        profiles.put(customerId, after);
        sweep.reschedule(customerId, after, now);
        return changes;
    }

    /**
     * Takes the input's references the customer does not hold yet into its identifiers and asks each reference's
     * owner to point it here; a reference that points elsewhere already makes its owner start a merge.
     */
    private List<LinkRequest> claim(String customerId, CustomerProfile profile, List<String> seen, String eventId) {
        IdentityRules.Linking linking = identity.rules().link(profile.getIdentifiers(), seen);
        if (linking.capped() > 0) {
            identity.meters().capped().increment(linking.capped());
        }
        if (linking.added().isEmpty()) {
            return List.of();
        }
        profile.setIdentifiers(new ArrayList<>(linking.identifiers()));
        return linking.added().stream()
                .map(reference -> LinkRequest.newBuilder().setIdentifier(reference).setCustomerId(customerId)
                        .setKind(LinkKind.LINK).setEventId(eventId).build())
                .toList();
    }
}

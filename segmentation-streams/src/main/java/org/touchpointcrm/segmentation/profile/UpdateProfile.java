package org.touchpointcrm.segmentation.profile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.touchpointcrm.avro.SegmentChange;
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
    private TimeSweep.Task sweep;
    private ProcessorContext<String, ProfileUpdate> context;
    private KeyValueStore<String, CustomerProfile> profiles;
    private BackfillSegments backfill;
    /** The slices' punctuator while a back-fill is pending, else null. */
    private Cancellable slices;

    /**
     * @param backfilled   counts profiles measured against new definitions, once per definition
     * @param changeMeters times the segment changes a touchpoint causes
     */
    public UpdateProfile(ProfileUpdater updater, SegmentEvaluator segments, Clock clock,
                         SegmentationProperties.Backfill backfillSettings, Counter backfilled,
                         SegmentChangeMeters changeMeters, TimeSweep timeSweep) {
        this.updater = updater;
        this.segments = segments;
        this.clock = clock;
        this.backfillSettings = backfillSettings;
        this.backfilled = backfilled;
        this.changeMeters = changeMeters;
        this.timeSweep = timeSweep;
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
        ProfileChange change;
        String trigger;
        switch (record.value()) {
            case ProfileInput.Touchpoint(var event) -> {
                change = updater.change(stored, customerId, event, now);
                trigger = event.getEventId();
            }
            case ProfileInput.Register(var master) -> {
                change = updater.changeMaster(stored, customerId, master, now);
                trigger = REGISTER_TRIGGER + master.getUpdatedAt();
            }
        }
        if (change == null) {
            return;
        }
        CustomerProfile after = change.profile();
        List<SegmentChange> changes = segments.reevaluate(change, now, trigger);
        // Forwarded first, so crm.customer-profiles' serializer (which registers its subject) encodes
        // the profile and the store reuses those bytes (SerializeOnce).
        context.forward(record.withValue(new ProfileUpdate(after, changes)));
        profiles.put(customerId, after);
        sweep.reschedule(customerId, after, now);
        if (record.value() instanceof ProfileInput.Touchpoint(var event) && !changes.isEmpty()) {
            changeMeters.causedBy(event, changes.size(), clock.instant());
        }
    }
}

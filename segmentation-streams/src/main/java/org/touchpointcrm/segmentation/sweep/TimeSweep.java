package org.touchpointcrm.segmentation.sweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.segmentation.profile.ProfileChange;
import org.touchpointcrm.segmentation.profile.ProfileUpdate;
import org.touchpointcrm.segmentation.profile.ProfileUpdater;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The due-time sweep: customers whose segments or derived fields change with time alone are
 * re-evaluated when they fall due, exactly as an event would re-evaluate them (the same derivations,
 * the same evaluator), without waiting for their next event. Each task looks every
 * {@link SweepProperties#interval()} and takes at most {@link SweepProperties#sliceSize()} due
 * customers at a time from its {@link DueIndex}, so a sweep costs in proportion to the due customers,
 * not to the store, and records never wait long behind it.
 */
public final class TimeSweep {

    /** SegmentChange.triggeringEventId of a change made by the passing of time: {@code time@<due instant>}. */
    public static final String TIME_TRIGGER = "time@";
    /** Customers re-evaluated by the sweep. */
    public static final String SWEPT_METRIC = "crm.segmentation.sweep.profiles";
    /** From the instant a customer fell due to its re-evaluation. */
    public static final String LAG_METRIC = "crm.segmentation.sweep.lag";

    private final SweepProperties settings;
    private final ProfileUpdater updater;
    private final SegmentEvaluator segments;
    private final DueTimes dueTimes;
    private final Clock clock;
    private final Counter swept;
    private final Timer lag;

    public TimeSweep(SweepProperties settings, ProfileUpdater updater, SegmentEvaluator segments, Clock clock,
                     MeterRegistry meters) {
        this.settings = settings;
        this.updater = updater;
        this.segments = segments;
        this.dueTimes = new DueTimes(updater, segments, settings.fallbackInterval());
        this.clock = clock;
        this.swept = Counter.builder(SWEPT_METRIC)
                .description("Customers re-evaluated because they fell due with time alone").register(meters);
        this.lag = Timer.builder(LAG_METRIC)
                .description("From the instant a customer fell due to its re-evaluation by the sweep")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /**
     * Starts the sweep of one task: its punctuator runs on the stream thread, between records.
     *
     * @param forward passes a re-evaluated profile and its changes on, as the processor does for an event
     */
    public Task start(ProcessorContext<?, ?> context, KeyValueStore<String, CustomerProfile> profiles,
                      BiConsumer<String, ProfileUpdate> forward) {
        Task task = new Task(context, profiles, new DueIndex(context.getStateStore(DueIndex.STORE),
                context.getStateStore(DueIndex.DUE_AT_STORE)), forward);
        context.schedule(settings.interval(), PunctuationType.WALL_CLOCK_TIME, wallClock -> task.tick());
        return task;
    }

    /** One task's sweep. */
    public final class Task {
        private final ProcessorContext<?, ?> context;
        private final KeyValueStore<String, CustomerProfile> profiles;
        private final DueIndex index;
        private final BiConsumer<String, ProfileUpdate> forward;
        /** Short-interval slices while more customers are due than one slice takes, else null. */
        private Cancellable catchUp;

        private Task(ProcessorContext<?, ?> context, KeyValueStore<String, CustomerProfile> profiles, DueIndex index,
                     BiConsumer<String, ProfileUpdate> forward) {
            this.context = context;
            this.profiles = profiles;
            this.index = index;
            this.forward = forward;
        }

        /** After the profile was brought up to {@code now} and written: when is it next due. */
        public void reschedule(String customerId, CustomerProfile profile, Instant now) {
            index.schedule(customerId, dueTimes.next(profile, now).orElse(null));
        }

        /** A retired customer (merged into another) is never due again. */
        public void forget(String customerId) {
            index.schedule(customerId, null);
        }

        /**
         * After a stored profile was measured against new rules without being brought up to now (a
         * back-fill): a new rule may make it due earlier, and a due time already passed must stay.
         */
        public void measured(String customerId, CustomerProfile profile, Instant now) {
            index.scheduleNoLaterThan(customerId, dueTimes.next(profile, now).orElse(null));
        }

        private void tick() {
            if (catchUp == null && runSlice(clock.instant()) == settings.sliceSize()) {
                catchUp = context.schedule(settings.catchUpInterval(), PunctuationType.WALL_CLOCK_TIME, wallClock -> {
                    if (runSlice(clock.instant()) < settings.sliceSize()) {
                        catchUp.cancel();
                        catchUp = null;
                    }
                });
            }
        }

        /** Re-evaluates one slice of the due customers; returns how many it took. */
        int runSlice(Instant now) {
            List<DueIndex.Due> due = index.due(now, settings.sliceSize());
            for (DueIndex.Due next : due) {
                CustomerProfile profile = profiles.get(next.customerId());
                if (profile == null) {
                    index.schedule(next.customerId(), null); // erased meanwhile
                    continue;
                }
                ProfileChange change = updater.passTime(profile, now);
                List<SegmentChange> changes = segments.reevaluate(change, now, TIME_TRIGGER + next.at());
                // updatedAt always moves; anything else means the stored profile was behind.
                if (!changes.isEmpty() || change.changedFields().size() > 1) {
                    forward.accept(next.customerId(), new ProfileUpdate(profile, changes));
                    profiles.put(next.customerId(), profile);
                }
                reschedule(next.customerId(), profile, now);
                lag.record(Duration.between(next.at(), now));
            }
            swept.increment(due.size());
            return due.size();
        }
    }
}

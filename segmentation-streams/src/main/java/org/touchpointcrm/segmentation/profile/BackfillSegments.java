package org.touchpointcrm.segmentation.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentBackfill;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentStatus;
import org.touchpointcrm.segmentation.segments.SegmentCatalogue;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator.BackfillTarget;

import io.micrometer.core.instrument.Counter;

/**
 * Measures every stored profile of a task against each new, changed, retired or drafted definition
 * once, so that crm.segment-changes stays the complete history of membership. It runs a slice at a
 * time from a wall-clock punctuator, between records, so touchpoints keep flowing meanwhile. Progress
 * per segment lives in a store that is committed with the changes emitted: a restart resumes, and
 * nothing is emitted twice. Definitions whose back-fills started together share one pass.
 */
public final class BackfillSegments {

    /** Progress per segment id for this task's profiles. */
    public static final String STORE = "segment-backfills";

    private static final Logger log = LoggerFactory.getLogger(BackfillSegments.class);

    private final KeyValueStore<String, CustomerProfile> profiles;
    private final KeyValueStore<String, SegmentBackfill> progress;
    private final SegmentEvaluator evaluator;
    private final int sliceSize;
    private final Counter measured;
    private final BiConsumer<String, ProfileUpdate> forward;
    /** Told of every profile measured, changed or not: its due time may follow a new rule. */
    private final BiConsumer<String, CustomerProfile> measuredProfile;
    /** The catalogue generation whose every definition this task has applied: until it changes, nothing to do. */
    private long settled = -1;

    BackfillSegments(KeyValueStore<String, CustomerProfile> profiles, KeyValueStore<String, SegmentBackfill> progress,
                     SegmentEvaluator evaluator, int sliceSize, Counter measured,
                     BiConsumer<String, ProfileUpdate> forward, BiConsumer<String, CustomerProfile> measuredProfile) {
        this.profiles = profiles;
        this.progress = progress;
        this.evaluator = evaluator;
        this.sliceSize = sliceSize;
        this.measured = measured;
        this.forward = forward;
        this.measuredProfile = measuredProfile;
    }

    public static StoreBuilder<KeyValueStore<String, SegmentBackfill>> store(Serde<SegmentBackfill> serde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), serde);
    }

    /** False once every definition this task has seen is applied: cheap enough to ask before every record. */
    boolean mayBePending() {
        return evaluator.catalogue().generation() != settled;
    }

    /**
     * One slice of the oldest pending pass.
     *
     * @return false when nothing was pending: every definition has been applied
     */
    boolean runSlice(Instant now) {
        long generation = evaluator.catalogue().generation();
        if (generation == settled) {
            return false;
        }
        List<Pending> pending = pending(now);
        if (pending.isEmpty()) {
            settled = generation;
            return false;
        }
        String resumeAfter = pending.getFirst().progress().getResumeAfter();
        List<Pending> pass = pending.stream()
                .filter(next -> Objects.equals(next.progress().getResumeAfter(), resumeAfter)).toList();
        List<BackfillTarget> targets = pass.stream().map(Pending::target).toList();
        List<KeyValue<String, CustomerProfile>> slice = slice(resumeAfter);
        for (KeyValue<String, CustomerProfile> stored : slice) {
            if (stored.value.getMergedInto() != null) {
                continue; // retired by a merge: in no segment, whatever a new rule says
            }
            List<SegmentChange> changes = evaluator.backfill(stored.value, targets, now);
            if (!changes.isEmpty()) {
                changes = new ArrayList<>(changes);
                // Segments of segments follow, under the same trigger.
                changes.addAll(evaluator.membershipChanged(stored.value, now, changes.getFirst().getTriggeringEventId()));
                forward.accept(stored.key, new ProfileUpdate(stored.value, changes));
                profiles.put(stored.key, stored.value);
            }
            measuredProfile.accept(stored.key, stored.value);
        }
        measured.increment((double) slice.size() * pass.size());
        boolean done = slice.size() < sliceSize;
        String last = slice.isEmpty() ? resumeAfter : slice.getLast().key;
        for (Pending next : pass) {
            SegmentBackfill backfill = next.progress();
            backfill.setResumeAfter(done ? null : last);
            backfill.setProfilesMeasured(backfill.getProfilesMeasured() + slice.size());
            backfill.setDone(done);
            if (done) {
                backfill.setDoneAt(now);
            }
            progress.put(backfill.getSegmentId(), backfill);
        }
        if (done) {
            log.info("Segment definition(s) {} applied to {} stored profiles of this task", pass.stream()
                    .map(next -> next.entry().id() + "/v" + next.entry().version()).toList(),
                    pass.getFirst().progress().getProfilesMeasured());
        }
        return true;
    }

    /**
     * The definitions whose current version this task has not finished applying, in the order they
     * started. A definition whose rule does not compile here is left alone (see SegmentCatalogue).
     */
    private List<Pending> pending(Instant now) {
        List<Pending> pending = new ArrayList<>();
        for (SegmentCatalogue.Entry entry : evaluator.catalogue().entries()) {
            if (entry.problem() != null) {
                continue;
            }
            SegmentBackfill known = progress.get(entry.id());
            if (known != null && known.getVersion() == entry.version()) {
                if (!known.getDone()) {
                    pending.add(new Pending(known, entry));
                }
                continue;
            }
            SegmentBackfill started = new SegmentBackfill(entry.id(), entry.version(), entry.active(), false, null, 0L,
                    now, null);
            if (!entry.active() && (neverActive(entry) || (known != null && known.getDone() && !known.getActive()))) {
                // Nobody can be a member: a first draft never was active, and after an inactive
                // version was applied here no event adds members. Nothing to measure.
                started.setDone(true);
                started.setDoneAt(now);
                progress.put(entry.id(), started);
            } else {
                pending.add(new Pending(started, entry));
            }
        }
        pending.sort((a, b) -> a.progress().getStartedAt().compareTo(b.progress().getStartedAt()));
        return pending;
    }

    /** A definition not yet applied everywhere here, and how far it got. */
    private record Pending(SegmentBackfill progress, SegmentCatalogue.Entry entry) {

        /** Nobody stays a member of a retired or drafted segment. */
        BackfillTarget target() {
            return new BackfillTarget(entry.id(), entry.version(), entry.active() ? entry.segment() : null);
        }
    }

    private static boolean neverActive(SegmentCatalogue.Entry entry) {
        return entry.version() == 1 && entry.definition().getStatus() == SegmentStatus.DRAFT;
    }

    /** Read whole before anything is written back: the cached store's iterator must not see its own writes. */
    private List<KeyValue<String, CustomerProfile>> slice(String resumeAfter) {
        List<KeyValue<String, CustomerProfile>> slice = new ArrayList<>(sliceSize);
        try (KeyValueIterator<String, CustomerProfile> stored =
                     resumeAfter == null ? profiles.all() : profiles.range(resumeAfter, null)) {
            while (stored.hasNext() && slice.size() < sliceSize) {
                KeyValue<String, CustomerProfile> next = stored.next();
                if (!next.key.equals(resumeAfter)) {
                    slice.add(next);
                }
            }
        }
        return slice;
    }
}

package org.touchpointcrm.segmentation.segments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.Schema;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.rules.ProfileFacts;
import org.touchpointcrm.segmentation.profile.ProfileChange;
import org.touchpointcrm.rules.ProfileRuleCompiler;

/**
 * The one place membership is decided: which segments a profile is in now, and the changes from
 * the membership it had. The profile carries its membership, so a change is emitted once per real
 * change and never for a non-change. A rule is asked again only when a field it reads changed or
 * when it reads the clock, which keeps many segments cheap at full ingest rate.
 */
public final class SegmentEvaluator {

    private static final List<Schema.Field> FIELDS = CustomerProfile.getClassSchema().getFields();

    /** SegmentChange.triggeringEventId of a change made by a new definition: {@code segment-definition@<id>/v<version>}. */
    public static final String DEFINITION_TRIGGER = "segment-definition@";

    /** The profile field holding membership, read by segments of segments. */
    public static final String SEGMENTS = "segments";
    /**
     * How many times one change re-asks the rules that read {@code segments}: a chain of segments of
     * segments deeper than this (or one that contradicts itself) settles at the customer's next change.
     */
    public static final int MEMBERSHIP_PASSES = 4;

    private final SegmentCatalogue catalogue;
    private final ProfileRuleCompiler compiler;
    private final AtomicLong evaluationErrors = new AtomicLong();

    public SegmentEvaluator(SegmentCatalogue catalogue, ProfileRuleCompiler compiler) {
        this.catalogue = catalogue;
        this.compiler = compiler;
    }

    /** Evaluates exactly these segments, for tests and tools. */
    public SegmentEvaluator(List<Segment> segments, ProfileRuleCompiler compiler) {
        this(SegmentCatalogue.preloaded(segments, compiler, Instant.EPOCH), compiler);
    }

    /** The built-in segments, compiled: for tests and tools. */
    public static SegmentEvaluator builtIn() {
        ProfileRuleCompiler compiler = new ProfileRuleCompiler();
        return new SegmentEvaluator(SegmentsConfiguration.builtIn(compiler), compiler);
    }

    /** The definitions behind the segments evaluated. */
    public SegmentCatalogue catalogue() {
        return catalogue;
    }

    /** Rule evaluations that failed so far; each counted as "not a member". */
    public long evaluationErrors() {
        return evaluationErrors.get();
    }

    /** The segments evaluated now. */
    public List<Segment> segments() {
        return catalogue.active();
    }

    /**
     * Sets {@code after}'s membership to what its rules say now and returns the changes.
     *
     * @param before            the profile before the change, or null when every rule must be asked
     * @param trigger           the touchpoint behind the re-evaluation, or another reason (see SegmentChange)
     */
    public List<SegmentChange> reevaluate(CustomerProfile before, CustomerProfile after, Instant now, String trigger) {
        return reevaluate(new ProfileChange(after, before == null ? null : changedFields(before, after)), now, trigger);
    }

    /**
     * The same, told by the updater which top-level fields changed. A change of membership is itself a
     * change of {@code segments}: the rules that read it are asked again with the new membership, up to
     * {@link #MEMBERSHIP_PASSES} times, so a segment of segments follows in the same transaction.
     */
    public List<SegmentChange> reevaluate(ProfileChange change, Instant now, String trigger) {
        CustomerProfile after = change.profile();
        Set<String> changed = change.changedFields();
        boolean firstPass = true;
        List<SegmentChange> changes = new ArrayList<>();
        for (int pass = 0; pass < MEMBERSHIP_PASSES; pass++) {
            Set<String> members = new TreeSet<>(after.getSegments());
            ProfileFacts facts = compiler.facts(after, now);
            int before = changes.size();
            for (Segment segment : catalogue.active()) {
                SegmentRule rule = segment.rule();
                boolean ask = firstPass ? changed == null || rule.dependsOnTime() || !Collections.disjoint(rule.fieldsRead(), changed)
                        : rule.fieldsRead().contains(SEGMENTS);
                if (!ask) {
                    continue;
                }
                boolean member = rule.matches(facts);
                boolean was = members.contains(segment.id());
                if (member != was) {
                    if (member) {
                        members.add(segment.id());
                    } else {
                        members.remove(segment.id());
                    }
                    changes.add(change(after, segment.id(), segment.version(), member, now, trigger));
                }
            }
            evaluationErrors.addAndGet(facts.errors().size());
            if (changes.size() == before) {
                break;
            }
            after.setSegments(new ArrayList<>(members));
            firstPass = false;
        }
        return changes;
    }

    /**
     * Asks the rules that read {@code segments} again after a change of membership made elsewhere (a
     * back-fill): what {@link #reevaluate} does after its first pass.
     */
    public List<SegmentChange> membershipChanged(CustomerProfile profile, Instant now, String trigger) {
        return reevaluate(new ProfileChange(profile, Set.of(SEGMENTS)), now, trigger);
    }

    /**
     * Measures a stored profile against new definitions (a back-fill): each target's rule decides,
     * or nobody is a member when the target has no segment (retired, drafted). Sets the profile's
     * membership and returns the changes, each carrying the definition's version.
     */
    public List<SegmentChange> backfill(CustomerProfile profile, List<BackfillTarget> targets, Instant now) {
        Set<String> members = new TreeSet<>(profile.getSegments());
        List<SegmentChange> changes = new ArrayList<>();
        ProfileFacts facts = compiler.facts(profile, now);
        for (BackfillTarget target : targets) {
            boolean member = target.segment() != null && target.segment().rule().matches(facts);
            boolean changed = member ? members.add(target.segmentId()) : members.remove(target.segmentId());
            if (changed) {
                changes.add(change(profile, target.segmentId(), target.version(), member, now,
                        DEFINITION_TRIGGER + target.segmentId() + "/v" + target.version()));
            }
        }
        evaluationErrors.addAndGet(facts.errors().size());
        if (!changes.isEmpty()) {
            profile.setSegments(new ArrayList<>(members));
        }
        return changes;
    }

    /**
     * A definition every stored profile is measured against once.
     *
     * @param segment the rule to apply, or null when nobody may stay a member
     */
    public record BackfillTarget(String segmentId, int version, Segment segment) {
    }

    /** The top-level fields whose values differ. */
    public static Set<String> changedFields(CustomerProfile before, CustomerProfile after) {
        Set<String> changed = new HashSet<>();
        for (Schema.Field field : FIELDS) {
            if (!Objects.equals(before.get(field.pos()), after.get(field.pos()))) {
                changed.add(field.name());
            }
        }
        return changed;
    }

    /** A merged customer's profile is retired: it leaves every segment it was in (docs/identity.md). */
    public List<SegmentChange> exitAll(List<String> segmentIds, CustomerProfile retired, Instant now, String trigger) {
        return segmentIds.stream()
                .map(id -> change(retired, id, catalogue.entry(id).map(SegmentCatalogue.Entry::version).orElse(0),
                        false, now, trigger))
                .toList();
    }

    private static SegmentChange change(CustomerProfile profile, String segmentId, int version, boolean entered,
                                        Instant now, String trigger) {
        return SegmentChange.newBuilder()
                .setCustomerId(profile.getCustomerId())
                .setSegmentId(segmentId)
                .setSegmentVersion(version)
                .setKind(entered ? SegmentChangeKind.ENTERED : SegmentChangeKind.EXITED)
                .setChangedAt(now)
                .setTriggeringEventId(trigger)
                .setProfileVersion(profile.getVersion())
                .build();
    }
}

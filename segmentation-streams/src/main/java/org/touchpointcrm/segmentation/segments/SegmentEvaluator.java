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

    private final List<Segment> segments;
    private final ProfileRuleCompiler compiler;
    private final AtomicLong evaluationErrors = new AtomicLong();

    public SegmentEvaluator(List<Segment> segments, ProfileRuleCompiler compiler) {
        this.segments = List.copyOf(segments);
        this.compiler = compiler;
    }

    /** The built-in segments, compiled: for tests and tools. */
    public static SegmentEvaluator builtIn() {
        ProfileRuleCompiler compiler = new ProfileRuleCompiler();
        return new SegmentEvaluator(SegmentsConfiguration.builtIn(compiler), compiler);
    }

    /** Rule evaluations that failed so far; each counted as "not a member". */
    public long evaluationErrors() {
        return evaluationErrors.get();
    }

    public List<Segment> segments() {
        return segments;
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

    /** The same, told by the updater which top-level fields changed. */
    public List<SegmentChange> reevaluate(ProfileChange change, Instant now, String trigger) {
        CustomerProfile after = change.profile();
        Set<String> changed = change.changedFields();
        Set<String> members = new TreeSet<>(after.getSegments());
        List<SegmentChange> changes = new ArrayList<>();
        ProfileFacts facts = compiler.facts(after, now);
        for (Segment segment : segments) {
            SegmentRule rule = segment.rule();
            if (changed != null && !rule.dependsOnTime() && Collections.disjoint(rule.fieldsRead(), changed)) {
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
                changes.add(change(after, segment, member, now, trigger));
            }
        }
        evaluationErrors.addAndGet(facts.errors().size());
        if (!changes.isEmpty()) {
            after.setSegments(new ArrayList<>(members));
        }
        return changes;
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

    private static SegmentChange change(CustomerProfile profile, Segment segment, boolean entered, Instant now,
                                        String trigger) {
        return SegmentChange.newBuilder()
                .setCustomerId(profile.getCustomerId())
                .setSegmentId(segment.id())
                .setSegmentVersion(segment.version())
                .setKind(entered ? SegmentChangeKind.ENTERED : SegmentChangeKind.EXITED)
                .setChangedAt(now)
                .setTriggeringEventId(trigger)
                .setProfileVersion(profile.getVersion())
                .build();
    }
}

package org.touchpointcrm.segmentation.segments;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.touchpointcrm.avro.CustomerProfile;

import org.touchpointcrm.rules.CompiledRule;
import org.touchpointcrm.rules.ProfileFacts;

/** A membership rule over the profile: a compiled CEL rule in production, a plain one in tests. */
public interface SegmentRule {

    boolean matches(ProfileFacts facts);

    /** The top-level profile fields the rule reads: it need not be asked again while none of them changes. */
    Set<String> fieldsRead();

    /** Whether the answer can change with the clock alone (the rule reads {@code now}). */
    boolean dependsOnTime();

    /**
     * Whether {@link #nextChange} knows every way the rule reads the clock; when it does not, a
     * time-dependent rule is asked again at the sweep's fallback interval.
     */
    default boolean clockAnalysable() {
        return false;
    }

    /**
     * The earliest instant after {@code now} at which the rule's answer for this profile could change
     * without an event; empty when it cannot. Meaningful only when {@link #clockAnalysable()}.
     */
    default Optional<Instant> nextChange(CustomerProfile profile, Instant now) {
        return Optional.empty();
    }

    /** A CEL rule; an evaluation error counts as "not a member" and is recorded in the facts. */
    static SegmentRule of(CompiledRule rule) {
        return new SegmentRule() {
            @Override
            public boolean matches(ProfileFacts facts) {
                return rule.matches(facts);
            }

            @Override
            public Set<String> fieldsRead() {
                return rule.fieldsRead();
            }

            @Override
            public boolean dependsOnTime() {
                return rule.dependsOnTime();
            }

            @Override
            public boolean clockAnalysable() {
                return rule.clockComparisons().analysable();
            }

            @Override
            public Optional<Instant> nextChange(CustomerProfile profile, Instant now) {
                return rule.clockComparisons().nextChange(profile, now);
            }

            @Override
            public String toString() {
                return rule.expression();
            }
        };
    }
}

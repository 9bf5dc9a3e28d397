package org.touchpointcrm.segmentation.segments;

import java.util.Set;

import org.touchpointcrm.rules.CompiledRule;
import org.touchpointcrm.rules.ProfileFacts;

/** A membership rule over the profile: a compiled CEL rule in production, a plain one in tests. */
public interface SegmentRule {

    boolean matches(ProfileFacts facts);

    /** The top-level profile fields the rule reads: it need not be asked again while none of them changes. */
    Set<String> fieldsRead();

    /** Whether the answer can change with the clock alone (the rule reads {@code now}). */
    boolean dependsOnTime();

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
            public String toString() {
                return rule.expression();
            }
        };
    }
}

package org.touchpointcrm.segmentation.profile;

import java.util.Set;

import org.touchpointcrm.avro.CustomerProfile;

/**
 * A profile after a change, and which of its top-level fields the change may have altered: the
 * segment evaluator asks again only the rules that read one of them. Saying a field changed when it
 * did not costs a rule evaluation; the reverse would leave a membership stale, so the updater errs
 * on the first side, and a property test holds it to a full comparison.
 *
 * @param changedFields null for a new profile: every rule must be asked
 */
public record ProfileChange(CustomerProfile profile, Set<String> changedFields) {
}

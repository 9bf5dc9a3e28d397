package org.touchpointcrm.segmentation.profile;

import java.util.List;

import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.LinkRequest;
import org.touchpointcrm.avro.ProfileHandoff;
import org.touchpointcrm.avro.SegmentChange;

/**
 * What one input did to a customer: the new profile and the segment changes it caused, and the identity graph's
 * work it started (docs/identity.md).
 *
 * @param profile  the profile to publish, or null when the input only passed work on (a handoff to another customer)
 * @param links    references to claim for a customer, each to crm.identity-link-requests keyed by its identifier
 * @param handoffs work for other customers, each to crm.profile-handoffs keyed by its target
 */
public record ProfileUpdate(CustomerProfile profile, List<SegmentChange> changes, List<LinkRequest> links,
                            List<ProfileHandoff> handoffs) {

    public ProfileUpdate(CustomerProfile profile, List<SegmentChange> changes) {
        this(profile, changes, List.of(), List.of());
    }

    public static ProfileUpdate handoff(ProfileHandoff handoff) {
        return new ProfileUpdate(null, List.of(), List.of(), List.of(handoff));
    }
}

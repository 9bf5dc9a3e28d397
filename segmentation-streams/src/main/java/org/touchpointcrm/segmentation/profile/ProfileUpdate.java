package org.touchpointcrm.segmentation.profile;

import java.util.List;

import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;

/** What one touchpoint did to a customer: the new profile and the segment changes it caused. */
public record ProfileUpdate(CustomerProfile profile, List<SegmentChange> changes) {
}

package org.touchpointcrm.segmentation.segments;

import java.util.function.Predicate;

import org.touchpointcrm.avro.CustomerProfile;

/** A named rule over the profile. Its version grows whenever its rule changes. */
public record Segment(String id, int version, String description, Predicate<CustomerProfile> rule) {

    public boolean matches(CustomerProfile profile) {
        return rule.test(profile);
    }
}

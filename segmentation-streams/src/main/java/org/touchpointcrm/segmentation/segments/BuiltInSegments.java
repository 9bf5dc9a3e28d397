package org.touchpointcrm.segmentation.segments;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.touchpointcrm.avro.CustomerProfile;

/**
 * The segments every installation starts with. Interim: replaced by the CEL definitions file.
 */
public final class BuiltInSegments {

    public static final Segment PURCHASERS = new Segment("purchasers", 1, "Purchasers",
            "customers with at least one purchase", new SegmentRule() {
                @Override
                public boolean matches(CustomerProfile profile, Instant now) {
                    return profile.getPurchases().getCount() >= 1;
                }

                @Override
                public Set<String> fieldsRead() {
                    return Set.of("purchases");
                }

                @Override
                public boolean dependsOnTime() {
                    return false;
                }
            });

    public static final List<Segment> ALL = List.of(PURCHASERS);

    private BuiltInSegments() {
    }
}

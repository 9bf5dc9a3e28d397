package org.touchpointcrm.segmentation.segments;

import java.util.List;

/**
 * The segments every installation starts with. The walking skeleton has one; the segmentation
 * issue replaces these predicates with CEL rules loaded from a definitions file.
 */
public final class BuiltInSegments {

    public static final Segment PURCHASERS = new Segment("purchasers", 1,
            "customers with at least one purchase", profile -> profile.getPurchaseCount() >= 1);

    public static final List<Segment> ALL = List.of(PURCHASERS);

    private BuiltInSegments() {
    }
}

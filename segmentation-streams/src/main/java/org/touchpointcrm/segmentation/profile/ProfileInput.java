package org.touchpointcrm.segmentation.profile;

import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.TouchpointEvent;

/**
 * What changes a profile: a touchpoint or the register's record of the customer. Both streams are
 * keyed by customerId and co-partitioned, so one processor and one store serve them.
 */
public sealed interface ProfileInput {

    record Touchpoint(TouchpointEvent event) implements ProfileInput {
    }

    record Register(CustomerRecord record) implements ProfileInput {
    }

    static ProfileInput touchpoint(TouchpointEvent event) {
        return new Touchpoint(event);
    }

    static ProfileInput register(CustomerRecord record) {
        return new Register(record);
    }
}

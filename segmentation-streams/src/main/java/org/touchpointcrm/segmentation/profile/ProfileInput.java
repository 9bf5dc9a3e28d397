package org.touchpointcrm.segmentation.profile;

import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.ProfileHandoff;
import org.touchpointcrm.avro.TouchpointEvent;

/**
 * What changes a profile: a touchpoint, the register's record of the customer, or another customer's profile
 * handing work over during a merge (crm.profile-handoffs). All three streams are keyed by customerId and
 * co-partitioned, so one processor and one store serve them.
 */
public sealed interface ProfileInput {

    record Touchpoint(TouchpointEvent event) implements ProfileInput {
    }

    record Register(CustomerRecord record) implements ProfileInput {
    }

    record Handoff(ProfileHandoff handoff) implements ProfileInput {
    }

    static ProfileInput touchpoint(TouchpointEvent event) {
        return new Touchpoint(event);
    }

    static ProfileInput register(CustomerRecord record) {
        return new Register(record);
    }

    static ProfileInput handoff(ProfileHandoff handoff) {
        return new Handoff(handoff);
    }
}

package org.touchpointcrm.segmentation.identity;

import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.schemas.CustomerReference;

/**
 * Which customer a touchpoint belongs to. For now the strongest identifier the channel sent is the
 * customer (a register id, else the prefixed e-mail, phone or card); linking identifiers of one
 * person together is the identity issue's work and will happen here.
 */
public final class ResolveIdentity {

    private ResolveIdentity() {
    }

    public static String customerId(String key, TouchpointEvent event) {
        return CustomerReference.of(event.getCustomer());
    }
}

package org.touchpointcrm.ingest.access;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;

/** Whether a key may send one particular touchpoint: its channel, and consent only with consent scope. */
public final class TouchpointPermissions {

    private static final Set<TouchpointType> CONSENT = EnumSet.of(TouchpointType.CONSENT_GIVEN, TouchpointType.CONSENT_WITHDRAWN);

    private TouchpointPermissions() {
    }

    /** @return why the key may not send the event, or empty if it may */
    public static Optional<String> refusal(ApiClient client, TouchpointEvent event) {
        if (!client.mayWrite(event.getChannel())) {
            return Optional.of("API key '" + client.name() + "' may not send " + event.getChannel()
                    + " touchpoints; its channels are " + client.channels());
        }
        boolean consent = CONSENT.contains(event.getType());
        Operation needed = consent ? Operation.CONSENT_WRITE : Operation.TOUCHPOINTS_WRITE;
        if (!client.may(needed)) {
            return Optional.of("API key '" + client.name() + "' may not " + needed.description());
        }
        return Optional.empty();
    }
}

package org.touchpointcrm.access;

import java.util.Set;

import org.touchpointcrm.avro.Channel;

/** The system or person behind a request, once its key is known: a channel system, a marketer. */
public record ApiClient(String name, Set<Channel> channels, Set<Operation> operations) {

    /** The request attribute under which an authenticated request carries its client. */
    public static final String REQUEST_ATTRIBUTE = "touchpoint.apiClient";

    public boolean may(Operation operation) {
        return operations.contains(operation);
    }

    public boolean mayWrite(Channel channel) {
        return channels.contains(channel);
    }
}

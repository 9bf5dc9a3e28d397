package org.touchpointcrm.notifier.reactions;

import org.touchpointcrm.schemas.Topics;

/**
 * A status callback for a MessageSid the delivery ledger does not name (yet): the gateway can call back
 * before the ledger's SENT entry has been read, so it is answered 503 and the gateway asks again.
 */
public class UnknownSmsException extends RuntimeException {

    public UnknownSmsException(String messageSid) {
        super("MessageSid '" + messageSid + "' is not in the delivery ledger (" + Topics.DELIVERIES.name()
                + ") as a SENT SMS yet; the callback is taken once its entry has been read, call again in a moment");
    }
}

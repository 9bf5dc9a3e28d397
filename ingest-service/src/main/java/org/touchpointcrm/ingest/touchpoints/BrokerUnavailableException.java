package org.touchpointcrm.ingest.touchpoints;

/** The event could not be stored now; the sender keeps it and retries with the same eventId. */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

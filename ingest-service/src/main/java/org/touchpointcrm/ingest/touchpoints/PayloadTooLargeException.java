package org.touchpointcrm.ingest.touchpoints;

/** The request is larger than the service accepts in one go; nothing of it was written. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}

package org.touchpointcrm.ingest.access;

/** The key is valid but not for this: answered with 403 and the reason. */
public class AccessDeniedException extends RuntimeException {

    public AccessDeniedException(String message) {
        super(message);
    }
}

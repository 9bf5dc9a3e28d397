package org.touchpointcrm.ingest.touchpoints;

/** The batch as a whole cannot be read (not an array, broken JSON); nothing of it was written. */
public class BatchUnreadableException extends RuntimeException {

    public BatchUnreadableException(String message) {
        super(message);
    }
}

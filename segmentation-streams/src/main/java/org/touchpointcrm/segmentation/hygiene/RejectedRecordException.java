package org.touchpointcrm.segmentation.hygiene;

/**
 * A record that deserialized but breaks a rule the profile relies on. Kafka Streams' processing
 * exception handler sends it, with its original bytes and this message, to the dead-letter topic.
 */
public class RejectedRecordException extends RuntimeException {

    public RejectedRecordException(String message) {
        super(message);
    }
}

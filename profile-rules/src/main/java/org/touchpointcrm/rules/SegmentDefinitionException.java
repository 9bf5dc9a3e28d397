package org.touchpointcrm.rules;

/**
 * A segment definitions file cannot be read: the message names the file, the segment (by id, or by
 * its position when it has no usable id) and what is wrong.
 */
public final class SegmentDefinitionException extends RuntimeException {

    public SegmentDefinitionException(String message) {
        super(message);
    }

    public SegmentDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}

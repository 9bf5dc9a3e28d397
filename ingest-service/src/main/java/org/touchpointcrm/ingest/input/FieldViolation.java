package org.touchpointcrm.ingest.input;

/** One reason a field was refused, in words the sender can act on. */
public record FieldViolation(String field, String reason) {
}

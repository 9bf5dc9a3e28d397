package org.touchpointcrm.ingest;

/** One reason a field was refused, in words the sender can act on. */
public record FieldViolation(String field, String reason) {
}

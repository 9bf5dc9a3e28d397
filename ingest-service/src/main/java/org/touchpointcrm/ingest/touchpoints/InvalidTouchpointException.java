package org.touchpointcrm.ingest.touchpoints;

import java.util.List;

import org.touchpointcrm.ingest.input.FieldViolation;

/** The request was read but broke one or more rules; nothing of it was written. */
public class InvalidTouchpointException extends RuntimeException {

    private final transient List<FieldViolation> violations;

    public InvalidTouchpointException(List<FieldViolation> violations) {
        super(violations.size() + " field(s) invalid: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}

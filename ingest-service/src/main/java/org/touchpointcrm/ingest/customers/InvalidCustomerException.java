package org.touchpointcrm.ingest.customers;

import java.util.List;

import org.touchpointcrm.ingest.input.FieldViolation;

/** The customer's data was read but broke one or more rules; nothing of it was written. */
public class InvalidCustomerException extends RuntimeException {

    private final transient List<FieldViolation> violations;

    public InvalidCustomerException(List<FieldViolation> violations) {
        // No stack trace: this is an answer, not a fault, and an import may refuse many rows.
        super(violations.size() + " field(s) invalid: " + violations, null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}

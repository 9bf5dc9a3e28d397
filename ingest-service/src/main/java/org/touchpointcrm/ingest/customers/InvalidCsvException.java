package org.touchpointcrm.ingest.customers;

import java.util.List;

import org.touchpointcrm.ingest.input.FieldViolation;

/** The CSV cannot be imported at all (no header, unknown columns, unreadable): nothing of it was written. */
public class InvalidCsvException extends RuntimeException {

    private final transient List<FieldViolation> violations;

    public InvalidCsvException(List<FieldViolation> violations) {
        super(violations.size() + " problem(s) with the CSV: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}

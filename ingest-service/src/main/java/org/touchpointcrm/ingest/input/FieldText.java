package org.touchpointcrm.ingest.input;

import java.util.List;
import java.util.Optional;

import org.touchpointcrm.access.input.BoundedText;

/**
 * Identifiers and free texts of a request as every validator of ingest reads them: blank is absent,
 * the rest is stripped, bounded in length and free of control characters ({@link BoundedText}).
 */
public final class FieldText {

    private FieldText() {
    }

    /**
     * @return the stripped value; null when it is blank, or when it is refused (then with a violation naming the field)
     */
    public static String oneLine(String field, String raw, int maxLength, List<FieldViolation> violations) {
        return checked(field, raw, BoundedText.problem(strip(raw), maxLength), violations);
    }

    /** As {@link #oneLine}, but line breaks and tabs are allowed: what a customer wrote. */
    public static String multiLine(String field, String raw, int maxLength, List<FieldViolation> violations) {
        return checked(field, raw, BoundedText.multiLineProblem(strip(raw), maxLength), violations);
    }

    private static String checked(String field, String raw, Optional<String> problem, List<FieldViolation> violations) {
        if (problem.isPresent()) {
            violations.add(new FieldViolation(field, problem.get()));
            return null;
        }
        return strip(raw);
    }

    private static String strip(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}

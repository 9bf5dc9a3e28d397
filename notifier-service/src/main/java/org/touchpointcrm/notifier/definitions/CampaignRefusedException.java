package org.touchpointcrm.notifier.definitions;

import java.util.List;
import java.util.stream.Collectors;

import org.touchpointcrm.notifier.templates.TextProblem;

/**
 * A campaign was refused before anything was written: fields are missing or malformed (400, naming
 * each), or the audience rule or a template cannot be used (422, with the text, line, column and message).
 */
public final class CampaignRefusedException extends RuntimeException {

    private final List<FieldError> fields;
    private final List<TextProblem> problems;

    private CampaignRefusedException(String message, List<FieldError> fields, List<TextProblem> problems) {
        super(message);
        this.fields = List.copyOf(fields);
        this.problems = List.copyOf(problems);
    }

    static CampaignRefusedException fields(List<FieldError> errors) {
        return new CampaignRefusedException(errors.stream().map(e -> e.field() + ": " + e.reason())
                .collect(Collectors.joining("; ")), errors, List.of());
    }

    static CampaignRefusedException texts(List<TextProblem> problems) {
        return new CampaignRefusedException(problems.stream().map(TextProblem::toString)
                .collect(Collectors.joining("; ")), List.of(), problems);
    }

    /** The fields that are wrong; empty when a text is. */
    public List<FieldError> fields() {
        return fields;
    }

    /** Why the audience rule or a template cannot be used; empty when a field is wrong. */
    public List<TextProblem> problems() {
        return problems;
    }
}

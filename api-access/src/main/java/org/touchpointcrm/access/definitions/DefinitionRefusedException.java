package org.touchpointcrm.access.definitions;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A definition (a segment, a campaign) was refused before anything was written: fields are missing or
 * malformed (400, naming each), or a text in it (a rule, a template) cannot be used (422, with line,
 * column and message per problem). {@link DefinitionProblems} answers it.
 */
public final class DefinitionRefusedException extends RuntimeException {

    private final List<? extends Violation> fields;
    private final List<?> problems;

    private DefinitionRefusedException(String message, List<? extends Violation> fields, List<?> problems) {
        super(message);
        this.fields = List.copyOf(fields);
        this.problems = List.copyOf(problems);
    }

    public static DefinitionRefusedException fields(List<? extends Violation> violations) {
        return new DefinitionRefusedException(violations.stream().map(v -> v.name() + ": " + v.reason())
                .collect(Collectors.joining("; ")), violations, List.of());
    }

    /** @param problems each as its clients read it, with line and column; its toString is the message */
    public static DefinitionRefusedException problems(List<?> problems) {
        return new DefinitionRefusedException(problems.stream().map(Object::toString).collect(Collectors.joining("; ")),
                List.of(), problems);
    }

    /** The fields that are wrong; empty when a text is. */
    public List<? extends Violation> fields() {
        return fields;
    }

    /** Why a text cannot be used; empty when a field is wrong. */
    public List<?> problems() {
        return problems;
    }
}

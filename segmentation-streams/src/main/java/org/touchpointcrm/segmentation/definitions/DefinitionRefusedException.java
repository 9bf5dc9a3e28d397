package org.touchpointcrm.segmentation.definitions;

import java.util.List;

import org.touchpointcrm.rules.RuleProblem;
import org.touchpointcrm.segmentation.SegmentationProblems.ParameterViolation;

/**
 * A definition was refused before anything was written: a field is missing or malformed (400), or
 * the rule does not compile (422, with line, column and message per problem).
 */
public final class DefinitionRefusedException extends RuntimeException {

    private final List<ParameterViolation> fields;
    private final List<RuleProblem> ruleProblems;

    private DefinitionRefusedException(String message, List<ParameterViolation> fields, List<RuleProblem> ruleProblems) {
        super(message);
        this.fields = List.copyOf(fields);
        this.ruleProblems = List.copyOf(ruleProblems);
    }

    static DefinitionRefusedException fields(List<ParameterViolation> violations) {
        return new DefinitionRefusedException(violations.stream().map(v -> v.parameter() + ": " + v.reason())
                .reduce((a, b) -> a + "; " + b).orElse("invalid"), violations, List.of());
    }

    static DefinitionRefusedException rule(List<RuleProblem> problems) {
        return new DefinitionRefusedException(problems.stream().map(RuleProblem::toString)
                .reduce((a, b) -> a + "; " + b).orElse("the rule does not compile"), List.of(), problems);
    }

    /** The fields that are wrong; empty when the rule is. */
    public List<ParameterViolation> fields() {
        return fields;
    }

    /** Why the rule does not compile; empty when a field is wrong. */
    public List<RuleProblem> ruleProblems() {
        return ruleProblems;
    }
}

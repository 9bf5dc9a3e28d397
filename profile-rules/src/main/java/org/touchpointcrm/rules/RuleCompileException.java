package org.touchpointcrm.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule was refused: it does not parse, does not type-check against the profile, is not a yes/no
 * question, or is over the {@link RuleLimits}. A refused rule never reaches the stream; the problems
 * are meant to be shown to whoever wrote the rule.
 */
public final class RuleCompileException extends Exception {

    private final String expression;
    private final List<RuleProblem> problems;

    public RuleCompileException(String expression, List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("; ")));
        this.expression = expression;
        this.problems = List.copyOf(problems);
    }

    /** The rule text as it was given. */
    public String expression() {
        return expression;
    }

    /** At least one problem, in the order of the text. */
    public List<RuleProblem> problems() {
        return problems;
    }
}

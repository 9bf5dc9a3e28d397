package org.touchpointcrm.rules;

/**
 * A compiled rule could not be answered for one profile, typically because it reads a field that is
 * not set without guarding it with {@code has()}, or because it hit a run-time limit. Thrown by
 * {@link CompiledRule#evaluate}; {@link CompiledRule#matches} answers "not a member" instead and
 * records this in {@link ProfileFacts#errors()}.
 */
public final class RuleEvaluationException extends RuntimeException {

    private final String expression;

    public RuleEvaluationException(String expression, String message, Throwable cause) {
        super(message, cause);
        this.expression = expression;
    }

    /** The rule that failed. */
    public String expression() {
        return expression;
    }
}

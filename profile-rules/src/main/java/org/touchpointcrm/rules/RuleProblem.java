package org.touchpointcrm.rules;

/**
 * One reason a rule was refused, where it is (1-based line and column; 0 when the problem is the rule
 * as a whole) and what is wrong, in words a marketer understands.
 */
public record RuleProblem(int line, int column, String message) {

    @Override
    public String toString() {
        return line > 0 ? "line " + line + ", column " + column + ": " + message : message;
    }
}

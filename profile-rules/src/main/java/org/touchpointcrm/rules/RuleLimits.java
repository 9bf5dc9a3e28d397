package org.touchpointcrm.rules;

/**
 * What a segment rule may cost, checked when it is compiled so that no rule that reaches the stream
 * can slow it down: rules are evaluated for every profile change, dozens per event.
 *
 * @param maxExpressionLength   characters of rule text
 * @param maxNestingDepth       depth of the expression tree (parentheses, calls, operators inside one another)
 * @param maxEstimatedCost      the static cost estimate of {@link CompiledRule#estimatedCost()}: about one unit per
 *                              operation, loops counted as {@code assumedCollectionSize} passes of their body
 * @param assumedCollectionSize how many entries the estimate assumes for a profile map or list whose size is unknown
 *                              at compile time
 * @param maxLoopIterations     a hard stop at evaluation time: a comprehension ({@code all}, {@code exists},
 *                              {@code map}, {@code filter}) that would run more iterations fails (rule: not a member)
 * @param maxRegexProgramSize   the largest RE2 program a {@code matches} pattern may compile to
 */
public record RuleLimits(int maxExpressionLength, int maxNestingDepth, long maxEstimatedCost,
                         int assumedCollectionSize, int maxLoopIterations, int maxRegexProgramSize) {

    /** Room for any sensible segment rule; one loop over a profile map with a modest body, not two nested. */
    public static final RuleLimits DEFAULTS = new RuleLimits(4_000, 32, 10_000, 50, 10_000, 500);

    public RuleLimits {
        if (maxExpressionLength <= 0 || maxNestingDepth <= 0 || maxEstimatedCost <= 0
                || assumedCollectionSize <= 0 || maxLoopIterations <= 0 || maxRegexProgramSize <= 0) {
            throw new IllegalArgumentException("rule limits must be positive: " + this);
        }
    }
}

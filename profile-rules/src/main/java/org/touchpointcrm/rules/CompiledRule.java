package org.touchpointcrm.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import java.util.Set;

/**
 * A segment rule that compiled: type-checked against the profile, within the {@link RuleLimits}, ready
 * to be evaluated against any number of profiles (thread-safe; the per-profile state lives in
 * {@link ProfileFacts}).
 *
 * <p>What it reads is known from the checked expression, so the caller can skip rules an event cannot
 * affect: {@link #fieldsRead()} are the top-level profile fields it reads, {@link #dependsOnTime()}
 * says whether the answer can change with the clock alone.
 *
 * <p>Evaluation errors (a field read without a {@code has()} guard that is not set, a run-time limit):
 * {@link #matches} answers false, "not a member", and records the error in {@link ProfileFacts#errors()};
 * {@link #evaluate} throws {@link RuleEvaluationException} instead.
 */
public final class CompiledRule {

    private final String expression;
    private final Program program;
    private final Set<String> fieldsRead;
    private final Set<String> contactFieldsRead;
    private final boolean dependsOnTime;
    private final long estimatedCost;
    private final ClockComparisons clockComparisons;

    CompiledRule(String expression, Program program, Set<String> fieldsRead, Set<String> contactFieldsRead,
                 boolean dependsOnTime, long estimatedCost, ClockComparisons clockComparisons) {
        this.expression = expression;
        this.program = program;
        this.fieldsRead = Set.copyOf(fieldsRead);
        this.contactFieldsRead = Set.copyOf(contactFieldsRead);
        this.dependsOnTime = dependsOnTime;
        this.estimatedCost = estimatedCost;
        this.clockComparisons = clockComparisons;
    }

    /** The rule text as it was compiled. */
    public String expression() {
        return expression;
    }

    /** Whether the profile is in the segment; false, with the error recorded in the facts, when the rule fails. */
    public boolean matches(ProfileFacts facts) {
        try {
            return evaluate(facts);
        } catch (RuleEvaluationException e) {
            facts.recordError(e);
            return false;
        }
    }

    /** Whether the profile is in the segment. @throws RuleEvaluationException when the rule cannot be answered */
    public boolean evaluate(ProfileFacts facts) {
        try {
            return (Boolean) program.eval(facts.variables(), facts.functions());
        } catch (CelEvaluationException | RuntimeException e) {
            throw new RuleEvaluationException(expression,
                    // No customer id: it may be an identifier (email:…), and this text reaches logs.
                    "rule '" + expression + "' failed: "
                            + ProblemMessages.readable(String.valueOf(e.getMessage())), e);
        }
    }

    /** Top-level profile fields the rule reads, e.g. {@code windows} for {@code profile.windows.purchases365d}. */
    public Set<String> fieldsRead() {
        return fieldsRead;
    }

    /**
     * The contact data the rule reads the value of, as paths below {@code profile} (e.g. {@code email},
     * {@code master.firstName}; {@code master} when it reads the whole master record): a rule that
     * compares or searches them can tell whether a given person is a customer, so writing one needs a
     * scope of its own. Testing presence alone ({@code has(profile.email)}) reads no value.
     */
    public Set<String> contactFieldsRead() {
        return contactFieldsRead;
    }

    /** True when the rule reads the clock ({@code now}, {@code daysSince}): its answer can change without an event. */
    public boolean dependsOnTime() {
        return dependsOnTime;
    }

    /** Where the rule reads the clock: when its answer can next change without an event. */
    public ClockComparisons clockComparisons() {
        return clockComparisons;
    }

    /** The compile-time cost estimate that was checked against {@link RuleLimits#maxEstimatedCost()}. */
    public long estimatedCost() {
        return estimatedCost;
    }

    @Override
    public String toString() {
        return expression;
    }
}

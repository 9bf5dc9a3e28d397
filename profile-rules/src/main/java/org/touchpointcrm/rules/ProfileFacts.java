package org.touchpointcrm.rules;

import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelResolvedOverload;
import dev.cel.runtime.CelVariableResolver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.touchpointcrm.avro.CustomerProfile;

/**
 * One customer profile at one instant, as every segment rule sees it. Build it once per profile
 * change ({@link ProfileRuleCompiler#facts}) and ask all rules: profile fields are converted to CEL
 * values lazily, on a rule's first read, and kept for the rules after it, so the cost of a field is
 * paid once however many rules read it.
 *
 * <p>Evaluation errors ({@link CompiledRule#matches} answered "not a member" because a rule could not
 * be answered) are collected in {@link #errors()}, so the caller can count and log them.
 *
 * <p>Not thread-safe: one facts object belongs to one evaluation pass on one thread.
 */
public final class ProfileFacts {

    private final CustomerProfile profile;
    private final Instant now;
    private AvroStructValue root;
    private List<RuleEvaluationException> errors;
    private final CelVariableResolver variables = this::variable;
    private final CelFunctionResolver functions = new LateBoundFunctions();

    ProfileFacts(CustomerProfile profile, Instant now) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.now = Objects.requireNonNull(now, "now");
    }

    public CustomerProfile profile() {
        return profile;
    }

    /** The instant that rules see as {@code now} and that {@code daysSince} counts to. */
    public Instant now() {
        return now;
    }

    /** The rules that could not be answered for this profile (each was taken as "not a member"). */
    public List<RuleEvaluationException> errors() {
        return errors == null ? List.of() : List.copyOf(errors);
    }

    void recordError(RuleEvaluationException error) {
        if (errors == null) {
            errors = new ArrayList<>(2);
        }
        errors.add(error);
    }

    CelVariableResolver variables() {
        return variables;
    }

    CelFunctionResolver functions() {
        return functions;
    }

    private Optional<Object> variable(String name) {
        return switch (name) {
            case "profile" -> Optional.of(root());
            case "now" -> Optional.of(now);
            default -> Optional.empty();
        };
    }

    private AvroStructValue root() {
        if (root == null) {
            root = new AvroStructValue(ProfileSchema.instance().profile(), profile, null, "profile");
        }
        return root;
    }

    /** daysSince, inRegion and consented, bound to this profile and this instant. */
    private final class LateBoundFunctions implements CelFunctionResolver {
        private Optional<CelResolvedOverload> daysSince;
        private Optional<CelResolvedOverload> inRegion;
        private Optional<CelResolvedOverload> consented;

        @Override
        public Optional<CelResolvedOverload> findOverloadMatchingArgs(
                String functionName, Collection<String> overloadIds, Object[] args) {
            return find(functionName);
        }

        @Override
        public Optional<CelResolvedOverload> findOverloadMatchingArgs(String functionName, Object[] args) {
            return find(functionName);
        }

        private Optional<CelResolvedOverload> find(String functionName) {
            switch (functionName) {
                case ProfileRuleCompiler.DAYS_SINCE -> {
                    if (daysSince == null) {
                        daysSince = Optional.of(CelResolvedOverload.of(functionName, ProfileRuleCompiler.DAYS_SINCE_OVERLOAD,
                                args -> RuleFunctions.daysSince((Instant) args[0], now), true, Instant.class));
                    }
                    return daysSince;
                }
                case ProfileRuleCompiler.IN_REGION -> {
                    if (inRegion == null) {
                        inRegion = Optional.of(CelResolvedOverload.of(functionName, ProfileRuleCompiler.IN_REGION_OVERLOAD,
                                args -> RuleFunctions.inRegion(profile, (String) args[0]), true, String.class));
                    }
                    return inRegion;
                }
                case ProfileRuleCompiler.CONSENTED -> {
                    if (consented == null) {
                        consented = Optional.of(CelResolvedOverload.of(functionName, ProfileRuleCompiler.CONSENTED_OVERLOAD,
                                args -> RuleFunctions.consented(profile, (String) args[0], (String) args[1]),
                                true, String.class, String.class));
                    }
                    return consented;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
    }
}

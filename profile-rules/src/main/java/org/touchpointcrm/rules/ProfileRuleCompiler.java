package org.touchpointcrm.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.validator.CelValidator;
import dev.cel.validator.CelValidatorFactory;
import dev.cel.validator.validators.AstDepthLimitValidator;
import dev.cel.validator.validators.DurationLiteralValidator;
import dev.cel.validator.validators.RegexLiteralValidator;
import dev.cel.validator.validators.TimestampLiteralValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.touchpointcrm.avro.CustomerProfile;

/**
 * Compiles segment rules: CEL expressions over the customer profile (docs/segments.md).
 *
 * <p>A rule sees two variables, {@code profile} (the {@link CustomerProfile}, typed from its Avro
 * schema: see the field list in the module's docs or {@link #profileFields()}) and {@code now} (a
 * timestamp), the standard CEL operators, functions and macros ({@code has}, {@code all},
 * {@code exists}, {@code exists_one}, {@code map}, {@code filter}), and four functions of ours:
 * <ul>
 *   <li>{@code days(int) -> duration}: CEL durations have no day unit; {@code now - days(90)}</li>
 *   <li>{@code daysSince(timestamp) -> int}: whole days from the timestamp to {@code now}</li>
 *   <li>{@code inRegion(string) -> bool}: the register's region of the customer, ignoring case</li>
 *   <li>{@code consented(string channel, string purpose) -> bool}: the newest consent on
 *       {@code "CHANNEL/purpose"} is granted, for the address the profile holds now</li>
 * </ul>
 * for example {@code inRegion("Uusimaa") && profile.windows.purchases365d >= 3 && daysSince(profile.purchases.lastAt) > 60}.
 *
 * <p>A rule that does not parse, does not type-check, is not a yes/no question or is over the
 * {@link RuleLimits} is refused with a {@link RuleCompileException} listing every problem with its
 * line and column. Rules can read nothing but the profile and the clock: no reflection, no I/O, no
 * record creation, regular expressions only as literals (RE2, linear time, program size capped).
 *
 * <p>Thread-safe; build one per application and compile every rule with it.
 */
public final class ProfileRuleCompiler {

    static final String DAYS = "days";
    static final String DAYS_OVERLOAD = "days_int";
    static final String DAYS_SINCE = "daysSince";
    static final String DAYS_SINCE_OVERLOAD = "daysSince_timestamp";
    static final String IN_REGION = "inRegion";
    static final String IN_REGION_OVERLOAD = "inRegion_string";
    static final String CONSENTED = "consented";
    static final String CONSENTED_OVERLOAD = "consented_string_string";

    private final RuleLimits limits;
    private final ProfileSchema schema = ProfileSchema.instance();
    private final ProblemMessages messages = new ProblemMessages(schema);
    private final Cel cel;
    private final CelValidator validator;

    /** A compiler with {@link RuleLimits#DEFAULTS}. */
    public ProfileRuleCompiler() {
        this(RuleLimits.DEFAULTS);
    }

    public ProfileRuleCompiler(RuleLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        CelOptions options = CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .maxExpressionCodePointSize(limits.maxExpressionLength())
                // the parser's own guard against deep nesting; the AST depth validator gives the message
                .maxParseRecursionDepth(Math.max(limits.maxNestingDepth() * 4, 32))
                .comprehensionMaxIterations(limits.maxLoopIterations())
                .maxRegexProgramSize(limits.maxRegexProgramSize())
                .build();
        this.cel = CelFactory.plannerCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.HAS, CelStandardMacro.ALL, CelStandardMacro.EXISTS,
                        CelStandardMacro.EXISTS_ONE, CelStandardMacro.MAP, CelStandardMacro.MAP_FILTER,
                        CelStandardMacro.FILTER)
                .setTypeProvider(schema.typeProvider())
                .addVar("profile", schema.profileType())
                .addVar("now", SimpleType.TIMESTAMP)
                .addFunctionDeclarations(
                        CelFunctionDecl.newFunctionDeclaration(DAYS,
                                CelOverloadDecl.newGlobalOverload(DAYS_OVERLOAD, SimpleType.DURATION, SimpleType.INT)),
                        CelFunctionDecl.newFunctionDeclaration(DAYS_SINCE,
                                CelOverloadDecl.newGlobalOverload(DAYS_SINCE_OVERLOAD, SimpleType.INT, SimpleType.TIMESTAMP)),
                        CelFunctionDecl.newFunctionDeclaration(IN_REGION,
                                CelOverloadDecl.newGlobalOverload(IN_REGION_OVERLOAD, SimpleType.BOOL, SimpleType.STRING)),
                        CelFunctionDecl.newFunctionDeclaration(CONSENTED,
                                CelOverloadDecl.newGlobalOverload(CONSENTED_OVERLOAD, SimpleType.BOOL,
                                        SimpleType.STRING, SimpleType.STRING)))
                .addFunctionBindings(CelFunctionBinding.from(DAYS_OVERLOAD, Long.class, RuleFunctions::days))
                .addLateBoundFunctions(DAYS_SINCE, IN_REGION, CONSENTED)
                .build();
        this.validator = CelValidatorFactory.standardCelValidatorBuilder(cel)
                .addAstValidators(
                        DurationLiteralValidator.INSTANCE,
                        TimestampLiteralValidator.INSTANCE,
                        RegexLiteralValidator.INSTANCE,
                        AstDepthLimitValidator.newInstance(limits.maxNestingDepth()))
                .build();
    }

    public RuleLimits limits() {
        return limits;
    }

    /** The profile fields rules can read (top level), in schema order. */
    public static Set<String> profileFields() {
        return ProfileSchema.instance().profileType().fieldNames();
    }

    /**
     * Compiles one rule.
     *
     * @throws RuleCompileException listing every problem found, when the rule cannot be used
     */
    public CompiledRule compile(String expression) throws RuleCompileException {
        if (expression == null || expression.isBlank()) {
            throw refused(String.valueOf(expression), List.of(new RuleProblem(0, 0, "the rule is empty")));
        }
        if (expression.length() > limits.maxExpressionLength()) {
            throw refused(expression, List.of(new RuleProblem(0, 0, "the rule is " + expression.length()
                    + " characters long; at most " + limits.maxExpressionLength() + " are allowed")));
        }
        CelValidationResult parsed = cel.parse(expression);
        if (parsed.hasError()) {
            throw refused(expression, messages.fromSyntaxIssues(parsed.getErrors(), expression));
        }
        CelAbstractSyntaxTree parsedAst = ast(parsed, expression);
        CelValidationResult checked = cel.check(parsedAst);
        if (checked.hasError()) {
            throw refused(expression, messages.fromIssues(checked.getErrors(), parsedAst, expression));
        }
        CelAbstractSyntaxTree ast = ast(checked, expression);
        if (!ast.getResultType().equals(SimpleType.BOOL)) {
            throw refused(expression, List.of(new RuleProblem(0, 0,
                    "a rule must answer yes or no (type bool), but this one gives " + ProblemMessages.typeName(ast.getResultType())
                            + "; compare it with something, e.g. ... > 0")));
        }

        List<RuleProblem> problems = new ArrayList<>();
        CelValidationResult validated = validator.validate(ast);
        if (validated.hasError()) {
            problems.addAll(messages.fromIssues(validated.getErrors(), parsedAst, expression));
        }
        RuleAnalysis analysis = RuleAnalysis.of(ast, limits);
        analysis.refusals().forEach(f -> problems.add(messages.at(ast, f.exprId(), f.message())));
        if (analysis.estimatedCost() > limits.maxEstimatedCost()) {
            problems.add(new RuleProblem(0, 0, "the rule is too costly to evaluate for every event: estimated cost "
                    + (analysis.estimatedCost() == Long.MAX_VALUE ? "unbounded" : analysis.estimatedCost())
                    + ", at most " + limits.maxEstimatedCost() + " allowed (a loop inside a loop multiplies the cost)"));
        }
        if (!problems.isEmpty()) {
            throw refused(expression, problems);
        }
        try {
            return new CompiledRule(expression, cel.createProgram(ast), analysis.fieldsRead(), analysis.contactFieldsRead(),
                    analysis.dependsOnTime(), analysis.estimatedCost(), ClockComparisons.of(ast));
        } catch (CelEvaluationException e) {
            throw refused(expression, List.of(new RuleProblem(0, 0, "the rule cannot be prepared: " + e.getMessage())));
        }
    }

    /** The facts every rule is evaluated against for one profile at one instant; build once per profile, reuse for all rules. */
    public ProfileFacts facts(CustomerProfile profile, Instant now) {
        return new ProfileFacts(profile, now);
    }

    private static CelAbstractSyntaxTree ast(CelValidationResult result, String expression) throws RuleCompileException {
        try {
            return result.getAst();
        } catch (CelValidationException e) {
            throw refused(expression, List.of(new RuleProblem(0, 0, e.getMessage())));
        }
    }

    private static RuleCompileException refused(String expression, List<RuleProblem> problems) {
        return new RuleCompileException(expression, problems);
    }
}

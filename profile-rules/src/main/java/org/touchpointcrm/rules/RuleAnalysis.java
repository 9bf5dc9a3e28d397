package org.touchpointcrm.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a checked rule reads, whether it depends on the clock, what it is estimated to cost, and the
 * constructs that are refused although they type-check (creating records, patterns that are not
 * literals). One walk over the checked expression tree.
 *
 * <p>The cost estimate is ours: cel-java 0.14 has no static cost estimator (cel-go's
 * {@code checker.Cost} has no Java counterpart) and no run-time cost tracker, only a cap on
 * comprehension iterations. The estimate counts one unit per node, a little more for string
 * functions and regular expressions, and multiplies a loop body by the size of the collection it runs
 * over: the literal's size if it is a literal, else {@link RuleLimits#assumedCollectionSize()}.
 */
final class RuleAnalysis {

    /** Functions reading the clock (besides the {@code now} variable). */
    static final Set<String> TIME_FUNCTIONS = Set.of("daysSince");

    /**
     * The profile fields a rule function reads behind the scenes: a consent covers only the address it was given
     * for, so consented also reads the addresses (docs/identity.md).
     */
    static final Map<String, Set<String>> FUNCTION_FIELDS = Map.of("inRegion", Set.of("master"),
            "consented", Set.of("consents", "email", "phone"));

    /** Top-level profile fields holding contact data: identifiers people are found by. */
    static final Set<String> CONTACT_FIELDS = Set.of("customerId", "email", "phone", "seenEmail", "seenPhone");
    /** The record of master data, and which of its fields are contact data. */
    static final String MASTER = "master";
    static final Set<String> MASTER_CONTACT_FIELDS = Set.of("firstName", "lastName", "email", "phone");

    private static final Set<String> COSTLY_STRING_FUNCTIONS =
            Set.of("contains", "startsWith", "endsWith", "_+_", "size", "string");
    private static final long REGEX_COST = 20;
    private static final long STRING_FUNCTION_COST = 3;

    record Finding(long exprId, String message) {}

    private final long assumedCollectionSize;
    private final Set<String> fieldsRead = new TreeSet<>();
    private final Set<String> contactFieldsRead = new TreeSet<>();
    private final List<Finding> refusals = new ArrayList<>();
    private final Deque<String> boundNames = new ArrayDeque<>();
    private boolean readsWholeProfile;
    private boolean dependsOnTime;
    private long cost;

    private RuleAnalysis(long assumedCollectionSize) {
        this.assumedCollectionSize = assumedCollectionSize;
    }

    static RuleAnalysis of(CelAbstractSyntaxTree checkedAst, RuleLimits limits) {
        RuleAnalysis analysis = new RuleAnalysis(limits.assumedCollectionSize());
        analysis.cost = analysis.walk(checkedAst.getExpr());
        if (analysis.readsWholeProfile) {
            analysis.fieldsRead.addAll(ProfileSchema.instance().profileType().fieldNames());
            analysis.contactFieldsRead.addAll(CONTACT_FIELDS);
            analysis.contactFieldsRead.add(MASTER);
        }
        return analysis;
    }

    Set<String> fieldsRead() {
        return Set.copyOf(fieldsRead);
    }

    Set<String> contactFieldsRead() {
        return Set.copyOf(contactFieldsRead);
    }

    boolean dependsOnTime() {
        return dependsOnTime;
    }

    long estimatedCost() {
        return cost;
    }

    List<Finding> refusals() {
        return refusals;
    }

    /** Walks one expression; returns its estimated cost. */
    private long walk(CelExpr expr) {
        return switch (expr.exprKind().getKind()) {
            case CONSTANT, NOT_SET -> 1;
            case IDENT -> {
                String name = expr.ident().name();
                if (!boundNames.contains(name)) {
                    if (name.equals("now")) {
                        dependsOnTime = true;
                    } else if (name.equals("profile")) {
                        readsWholeProfile = true; // a bare profile; a field selection returns before this
                    }
                }
                yield 1;
            }
            case SELECT -> {
                CelExpr operand = expr.select().operand();
                String field = expr.select().field();
                // has(...) tests presence only: it reads no value.
                boolean readsValue = !expr.select().testOnly();
                if (isProfile(operand)) {
                    fieldsRead.add(field);
                    if (readsValue && (CONTACT_FIELDS.contains(field) || field.equals(MASTER))) {
                        contactFieldsRead.add(field); // a bare profile.master: the whole record
                    }
                    yield 2;
                }
                if (isMaster(operand)) {
                    fieldsRead.add(MASTER);
                    if (readsValue && MASTER_CONTACT_FIELDS.contains(field)) {
                        contactFieldsRead.add(MASTER + "." + field);
                    }
                    yield 3;
                }
                yield 1 + walk(operand);
            }
            case CALL -> {
                String function = expr.call().function();
                if (TIME_FUNCTIONS.contains(function)) {
                    dependsOnTime = true;
                }
                fieldsRead.addAll(FUNCTION_FIELDS.getOrDefault(function, Set.of()));
                long own = 1;
                if (function.equals("matches")) {
                    own = REGEX_COST;
                    CelExpr pattern = expr.call().target().isPresent() ? expr.call().args().get(0)
                            : expr.call().args().size() > 1 ? expr.call().args().get(1) : null;
                    if (pattern != null && pattern.exprKind().getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
                        refusals.add(new Finding(pattern.id(),
                                "matches() takes a fixed pattern in quotes, not a value computed from the profile"));
                    }
                } else if (COSTLY_STRING_FUNCTIONS.contains(function)) {
                    own = STRING_FUNCTION_COST;
                }
                long total = own;
                if (expr.call().target().isPresent()) {
                    total += walk(expr.call().target().get());
                }
                for (CelExpr arg : expr.call().args()) {
                    total += walk(arg);
                }
                yield total;
            }
            case LIST -> {
                long total = 1;
                for (CelExpr element : expr.list().elements()) {
                    total += walk(element);
                }
                yield total;
            }
            case MAP -> {
                long total = 1;
                for (CelExpr.CelMap.Entry entry : expr.map().entries()) {
                    total += walk(entry.key()) + walk(entry.value());
                }
                yield total;
            }
            case STRUCT -> {
                refusals.add(new Finding(expr.id(), "rules cannot create records ("
                        + expr.struct().messageName() + "{...}); compare the profile's fields instead"));
                long total = 1;
                for (CelExpr.CelStruct.Entry entry : expr.struct().entries()) {
                    total += walk(entry.value());
                }
                yield total;
            }
            case COMPREHENSION -> {
                CelExpr.CelComprehension loop = expr.comprehension();
                long range = walk(loop.iterRange());
                long init = walk(loop.accuInit());
                long iterations = literalSize(loop.iterRange());
                boundNames.push(loop.iterVar());
                if (!loop.iterVar2().isEmpty()) {
                    boundNames.push(loop.iterVar2());
                }
                boundNames.push(loop.accuVar());
                long body = walk(loop.loopCondition()) + walk(loop.loopStep());
                long result = walk(loop.result());
                boundNames.pop();
                if (!loop.iterVar2().isEmpty()) {
                    boundNames.pop();
                }
                boundNames.pop();
                yield saturatedAdd(range + init + result, saturatedMultiply(iterations, body));
            }
        };
    }

    private boolean isProfile(CelExpr expr) {
        return expr.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT
                && expr.ident().name().equals("profile")
                && !boundNames.contains("profile");
    }

    /** {@code profile.master}, read as the operand of one of its fields. */
    private boolean isMaster(CelExpr expr) {
        return expr.exprKind().getKind() == CelExpr.ExprKind.Kind.SELECT && !expr.select().testOnly()
                && expr.select().field().equals(MASTER) && isProfile(expr.select().operand());
    }

    private long literalSize(CelExpr range) {
        return switch (range.exprKind().getKind()) {
            case LIST -> Math.max(1, range.list().elements().size());
            case MAP -> Math.max(1, range.map().entries().size());
            default -> assumedCollectionSize;
        };
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }
}

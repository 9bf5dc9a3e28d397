package org.touchpointcrm.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.generic.IndexedRecord;
import org.touchpointcrm.avro.CustomerProfile;

/**
 * Where a rule reads the clock, as comparisons whose answer can flip only at instants that follow from
 * a profile timestamp, so that the time sweep knows when to ask the rule again without an event:
 * <ul>
 *   <li>{@code daysSince(t) <op> n}: {@code daysSince} steps at {@code t + k days}, so the answer can
 *       change only at {@code t + n days} and {@code t + (n + 1) days};</li>
 *   <li>{@code t <op> now}, {@code t <op> now - days(n)}, {@code t <op> now + days(n)} (either side):
 *       at {@code t ± n days} and one millisecond later (the boundary itself belongs to one side).</li>
 * </ul>
 * {@code t} is a profile field path ({@code profile.purchases.lastAt}, {@code profile.contactsByChannel.WEB.lastAt})
 * or a literal {@code timestamp("...")}; {@code n} an integer literal. A rule that reads {@code now} or
 * {@code daysSince} in any other way (inside a loop, against a computed number, {@code duration("...")}),
 * or reads {@code profile.rfm.daysSinceLastPurchase}, which counts days by itself, is not analysable:
 * the sweep asks it again at its fallback interval instead.
 */
public final class ClockComparisons {

    private static final long MILLIS_PER_DAY = Duration.ofDays(1).toMillis();
    private static final Set<String> COMPARISONS = Set.of("_<_", "_<=_", "_>_", "_>=_", "_==_", "_!=_");
    /** Derived fields that change with the clock alone: reading one makes a rule time-dependent in a way we do not model. */
    private static final Map<String, String> DERIVED_DAY_COUNTERS = Map.of("rfm", "daysSinceLastPurchase");

    /** One clock comparison: the answer may flip at {@code t + offset} for each offset, t read at {@code path}. */
    record Comparison(List<String> path, Instant literal, List<Duration> offsets) {

        Optional<Instant> nextFlip(CustomerProfile profile, Instant now) {
            Instant t = literal != null ? literal : read(profile, path);
            if (t == null) {
                return Optional.empty();
            }
            Instant next = null;
            for (Duration offset : offsets) {
                Instant at = t.plus(offset);
                if (at.isAfter(now) && (next == null || at.isBefore(next))) {
                    next = at;
                }
            }
            return Optional.ofNullable(next);
        }
    }

    private final List<Comparison> comparisons;
    private final boolean analysable;

    private ClockComparisons(List<Comparison> comparisons, boolean analysable) {
        this.comparisons = List.copyOf(comparisons);
        this.analysable = analysable;
    }

    static ClockComparisons of(CelAbstractSyntaxTree checkedAst) {
        Walk walk = new Walk();
        walk.visit(checkedAst.getExpr());
        return new ClockComparisons(walk.found, walk.analysable);
    }

    /** Whether every clock read of the rule is one of the comparisons above. */
    public boolean analysable() {
        return analysable;
    }

    /** How many clock comparisons the rule has. */
    public int size() {
        return comparisons.size();
    }

    /**
     * The earliest instant after {@code now} at which one of the comparisons can change its answer for
     * this profile; empty when none can without an event (the fields they read are not set, or every
     * boundary has passed). Meaningful only when {@link #analysable()}.
     */
    public Optional<Instant> nextChange(CustomerProfile profile, Instant now) {
        Instant next = null;
        for (Comparison comparison : comparisons) {
            Instant at = comparison.nextFlip(profile, now).orElse(null);
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return Optional.ofNullable(next);
    }

    /** The value at a field path below the profile; null when a step is unset or not a record or map. */
    private static Instant read(CustomerProfile profile, List<String> path) {
        Object value = profile;
        for (String step : path) {
            value = switch (value) {
                case IndexedRecord record -> record.getSchema().getField(step) == null ? null
                        : record.get(record.getSchema().getField(step).pos());
                case Map<?, ?> map -> lookUp(map, step);
                case null, default -> null;
            };
            if (value == null) {
                return null;
            }
        }
        return value instanceof Instant instant ? instant : null;
    }

    private static Object lookUp(Map<?, ?> map, String key) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey().toString().equals(key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** One walk over the checked expression: collects the comparisons, and any clock read outside them. */
    private static final class Walk {
        final List<Comparison> found = new ArrayList<>();
        boolean analysable = true;

        void visit(CelExpr expr) {
            switch (expr.exprKind().getKind()) {
                case IDENT -> {
                    if (expr.ident().name().equals("now")) {
                        analysable = false; // now outside a comparison we model
                    }
                }
                case SELECT -> {
                    String counter = DERIVED_DAY_COUNTERS.get(expr.select().operand().exprKind().getKind()
                            == CelExpr.ExprKind.Kind.SELECT ? expr.select().operand().select().field() : "");
                    if (expr.select().field().equals(counter)) {
                        analysable = false;
                    }
                    visit(expr.select().operand());
                }
                case CALL -> {
                    if (!comparison(expr)) {
                        if (expr.call().function().equals(ProfileRuleCompiler.DAYS_SINCE)) {
                            analysable = false;
                        }
                        expr.call().target().ifPresent(this::visit);
                        expr.call().args().forEach(this::visit);
                    }
                }
                case LIST -> expr.list().elements().forEach(this::visit);
                case MAP -> expr.map().entries().forEach(e -> {
                    visit(e.key());
                    visit(e.value());
                });
                case STRUCT -> expr.struct().entries().forEach(e -> visit(e.value()));
                case COMPREHENSION -> {
                    var loop = expr.comprehension();
                    for (CelExpr part : List.of(loop.iterRange(), loop.accuInit(), loop.loopCondition(), loop.loopStep(),
                            loop.result())) {
                        visit(part);
                    }
                }
                default -> { }
            }
        }

        /** Records {@code expr} when it is a clock comparison we model; then its operands need no further walk. */
        private boolean comparison(CelExpr expr) {
            var call = expr.call();
            if (!COMPARISONS.contains(call.function()) || call.args().size() != 2) {
                return false;
            }
            CelExpr a = call.args().get(0);
            CelExpr b = call.args().get(1);
            return daysSinceAgainstNumber(a, b) || daysSinceAgainstNumber(b, a) || timeAgainstClock(a, b)
                    || timeAgainstClock(b, a);
        }

        private boolean daysSinceAgainstNumber(CelExpr daysSince, CelExpr number) {
            if (!isCall(daysSince, ProfileRuleCompiler.DAYS_SINCE) || daysSince.call().args().size() != 1) {
                return false;
            }
            Long n = integer(number);
            Timestamp t = timestamp(daysSince.call().args().getFirst());
            if (n == null || t == null || Math.abs(n) > 100_000) {
                return false;
            }
            found.add(new Comparison(t.path(), t.literal(),
                    List.of(Duration.ofMillis(n * MILLIS_PER_DAY), Duration.ofMillis((n + 1) * MILLIS_PER_DAY))));
            return true;
        }

        private boolean timeAgainstClock(CelExpr time, CelExpr clock) {
            Timestamp t = timestamp(time);
            Duration shift = clockShift(clock);
            if (t == null || shift == null) {
                return false;
            }
            // t <op> now + shift flips where now = t - shift.
            Duration at = shift.negated();
            found.add(new Comparison(t.path(), t.literal(), List.of(at, at.plusMillis(1))));
            return true;
        }

        /** now, now - days(n), now + days(n): how far from now; null for anything else. */
        private static Duration clockShift(CelExpr expr) {
            if (isNow(expr)) {
                return Duration.ZERO;
            }
            boolean minus = isCall(expr, "_-_");
            if (!(minus || isCall(expr, "_+_")) || expr.call().args().size() != 2 || !isNow(expr.call().args().get(0))) {
                return null;
            }
            CelExpr days = expr.call().args().get(1);
            if (!isCall(days, ProfileRuleCompiler.DAYS) || days.call().args().size() != 1) {
                return null;
            }
            Long n = integer(days.call().args().getFirst());
            if (n == null || Math.abs(n) > 100_000) {
                return null;
            }
            Duration d = Duration.ofDays(n);
            return minus ? d.negated() : d;
        }

        private record Timestamp(List<String> path, Instant literal) {
        }

        /** A profile field path or a timestamp("...") literal; null otherwise. */
        private static Timestamp timestamp(CelExpr expr) {
            if (isCall(expr, "timestamp") && expr.call().args().size() == 1) {
                CelExpr text = expr.call().args().getFirst();
                if (text.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                        && text.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                    try {
                        return new Timestamp(null, Instant.parse(text.constant().stringValue()));
                    } catch (DateTimeParseException e) {
                        return null;
                    }
                }
                return null;
            }
            List<String> path = new ArrayList<>();
            CelExpr step = expr;
            while (step.exprKind().getKind() == CelExpr.ExprKind.Kind.SELECT && !step.select().testOnly()) {
                path.addFirst(step.select().field());
                step = step.select().operand();
            }
            boolean fromProfile = step.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT
                    && step.ident().name().equals("profile") && !path.isEmpty();
            return fromProfile ? new Timestamp(List.copyOf(path), null) : null;
        }

        private static Long integer(CelExpr expr) {
            if (expr.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                    && expr.constant().getKind() == CelConstant.Kind.INT64_VALUE) {
                return expr.constant().int64Value();
            }
            return null;
        }

        private static boolean isNow(CelExpr expr) {
            return expr.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT && expr.ident().name().equals("now");
        }

        private static boolean isCall(CelExpr expr, String function) {
            return expr.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL && expr.call().function().equals(function)
                    && expr.call().target().isEmpty();
        }
    }
}

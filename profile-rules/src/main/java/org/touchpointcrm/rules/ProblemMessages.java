package org.touchpointcrm.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSource;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.StructType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns CEL's compiler issues into {@link RuleProblem}s a marketer can act on: 1-based line and
 * column, type names as a rule writes them ({@code timestamp}, not {@code google.protobuf.Timestamp}),
 * and a "did you mean" for a misspelt field, variable or function.
 */
final class ProblemMessages {

    private static final Pattern UNDEFINED_FIELD = Pattern.compile("undefined field '([^']*)'");
    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']*)'.*");
    private static final Pattern NO_OVERLOAD =
            Pattern.compile("found no matching overload for '([^']*)' applied to '\\((.*)\\)'.*", Pattern.DOTALL);
    private static final Pattern TYPE_PREFIX = Pattern.compile("org\\.touchpointcrm\\.avro\\.");

    /** Names a rule may use besides profile fields: variables, rule functions and common standard functions. */
    static final Set<String> VARIABLES = Set.of("profile", "now");
    static final Set<String> FUNCTIONS = Set.of("days", "daysSince", "inRegion", "consented", "has", "size",
            "contains", "startsWith", "endsWith", "matches", "exists", "all", "exists_one", "map", "filter",
            "timestamp", "duration", "int", "double", "string");

    private final ProfileSchema schema;

    ProblemMessages(ProfileSchema schema) {
        this.schema = schema;
    }

    /** Problems of a rule that does not parse. */
    List<RuleProblem> fromSyntaxIssues(Collection<CelIssue> issues, String expression) {
        return fromIssues(issues, null, expression).stream()
                .map(p -> p.message().startsWith("the rule is nested") || p.message().startsWith("syntax error")
                        ? p : new RuleProblem(p.line(), p.column(), "syntax error: " + p.message()))
                .toList();
    }

    List<RuleProblem> fromIssues(Collection<CelIssue> issues, CelAbstractSyntaxTree parsedAst, String expression) {
        List<RuleProblem> problems = new ArrayList<>();
        for (CelIssue issue : issues) {
            if (issue.getSeverity() != CelIssue.Severity.ERROR) {
                continue;
            }
            CelSourceLocation location = issue.getSourceLocation();
            int line = location.getLine() > 0 ? location.getLine() : 0;
            int column = location.getLine() > 0 ? location.getColumn() + 1 : 0;
            String message = issue.getMessage();

            Matcher undefinedField = UNDEFINED_FIELD.matcher(message);
            Matcher undeclared = UNDECLARED.matcher(message);
            Matcher noOverload = NO_OVERLOAD.matcher(message);
            if (undefinedField.matches()) {
                String field = undefinedField.group(1);
                Optional<CelExpr> select = parsedAst == null ? Optional.empty() : find(parsedAst.getExpr(), issue.getExprId());
                message = unknownField(field, select);
                int fieldColumn = fieldColumn(expression, location, field);
                if (fieldColumn > 0) {
                    column = fieldColumn;
                }
            } else if (undeclared.matches()) {
                message = unknownName(undeclared.group(1));
            } else if (noOverload.matches()) {
                message = noOverload(noOverload.group(1), noOverload.group(2));
            } else if (message.startsWith("Syntax error")) {
                message = "syntax error: " + message.substring("Syntax error".length()).replaceFirst("^:\\s*", "");
            } else if (message.startsWith("Expression recursion limit exceeded")
                    || message.contains("recursion limit")) {
                message = "the rule is nested too deeply; split it into simpler conditions";
            } else if (message.startsWith("AST's depth exceeds the configured limit")) {
                message = "the rule is nested too deeply (" + message.replaceAll("\\D+", " ").trim()
                        + " levels at most); split it into simpler conditions";
            } else if (message.startsWith("duration validation failed")) {
                message = "not a valid duration: " + message.replaceFirst("^duration validation failed\\. Reason: ", "")
                        + " (durations have no day unit: write days(90), or hours like \"2160h\")";
            } else if (message.startsWith("timestamp validation failed")) {
                message = "not a valid timestamp: " + message.replaceFirst("^timestamp validation failed\\. Reason: ", "")
                        + " (write timestamp(\"2026-01-31T00:00:00Z\"))";
            } else if (message.startsWith("Regex validation failed")) {
                message = "not a valid pattern: " + message.replaceFirst("^Regex validation failed\\. Reason: ", "");
            }
            problems.add(new RuleProblem(line, column, readable(message)));
        }
        problems.sort(Comparator.comparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column));
        return problems;
    }

    /** A problem at one expression of a checked rule. */
    RuleProblem at(CelAbstractSyntaxTree ast, long exprId, String message) {
        CelSource source = ast.getSource();
        Integer offset = source.getPositionsMap().get(exprId);
        if (offset == null || offset < 0) {
            return new RuleProblem(0, 0, message);
        }
        return source.getOffsetLocation(offset)
                .map(l -> new RuleProblem(l.getLine(), l.getColumn() + 1, message))
                .orElse(new RuleProblem(0, 0, message));
    }

    static String readable(String message) {
        return TYPE_PREFIX.matcher(message
                        .replace("google.protobuf.Timestamp", "timestamp")
                        .replace("google.protobuf.Duration", "duration"))
                .replaceAll("");
    }

    static String typeName(CelType type) {
        return readable(type.name().equals("map") || type.name().equals("list")
                ? dev.cel.common.types.CelTypes.format(type) : type.name());
    }

    private String unknownField(String field, Optional<CelExpr> select) {
        Optional<CelExpr> operand = select
                .filter(e -> e.exprKind().getKind() == CelExpr.ExprKind.Kind.SELECT)
                .map(e -> e.select().operand());
        Optional<String> path = operand.flatMap(this::pathOf);
        Optional<StructType> struct = operand.flatMap(this::structOf);
        Set<String> candidates = new LinkedHashSet<>();
        if (struct.isPresent()) {
            candidates.addAll(struct.get().fieldNames());
        } else {
            schema.layouts().forEach(l -> candidates.addAll(l.celType().fieldNames()));
        }
        String owner = path.orElse(struct.map(s -> readable(s.name())).orElse("the record"));
        String message = owner + " has no field '" + field + "'";
        Optional<String> suggestion = didYouMean(field, candidates);
        if (suggestion.isPresent()) {
            return message + "; did you mean '" + suggestion.get() + "'?";
        }
        if (struct.isPresent()) {
            return message + "; its fields are " + String.join(", ", struct.get().fieldNames());
        }
        return message;
    }

    private String unknownName(String name) {
        Set<String> candidates = new LinkedHashSet<>(VARIABLES);
        candidates.addAll(FUNCTIONS);
        String message = "unknown name '" + name + "'";
        Optional<String> suggestion = didYouMean(name, candidates);
        if (suggestion.isPresent()) {
            return message + "; did you mean '" + suggestion.get() + "'?";
        }
        return message + ": a rule can use only profile, now and the rule functions"
                + " (days, daysSince, inRegion, consented and CEL's standard functions)";
    }

    private static String noOverload(String function, String argumentTypes) {
        String operator = switch (function) {
            case "_==_" -> "==";
            case "_!=_" -> "!=";
            case "_<_" -> "<";
            case "_<=_" -> "<=";
            case "_>_" -> ">";
            case "_>=_" -> ">=";
            case "_+_" -> "+";
            case "_-_" -> "-";
            case "_*_" -> "*";
            case "_/_" -> "/";
            case "_%_" -> "%";
            case "_&&_" -> "&&";
            case "_||_" -> "||";
            case "!_" -> "!";
            case "-_" -> "-";
            case "@in" -> "in";
            case "_[_]" -> "[]";
            default -> null;
        };
        String types = readable(argumentTypes);
        if (operator != null) {
            return "'" + operator + "' cannot be applied to " + types.replace(", ", " and ")
                    + " (compare like with like: numbers with numbers, text in quotes with text)";
        }
        return function + "(...) cannot be applied to (" + types + ")";
    }

    /** The profile path an expression stands for, if it is a plain chain like {@code profile.purchases}. */
    private Optional<String> pathOf(CelExpr expr) {
        return switch (expr.exprKind().getKind()) {
            case IDENT -> expr.ident().name().equals("profile") ? Optional.of("profile") : Optional.empty();
            case SELECT -> pathOf(expr.select().operand()).map(p -> p + "." + expr.select().field());
            default -> Optional.empty();
        };
    }

    private Optional<StructType> structOf(CelExpr expr) {
        return switch (expr.exprKind().getKind()) {
            case IDENT -> expr.ident().name().equals("profile") ? Optional.of(schema.profileType()) : Optional.empty();
            case SELECT -> structOf(expr.select().operand())
                    .flatMap(s -> s.findField(expr.select().field()))
                    .map(StructType.Field::type)
                    .filter(StructType.class::isInstance)
                    .map(StructType.class::cast);
            default -> Optional.empty();
        };
    }

    private static Optional<CelExpr> find(CelExpr expr, long id) {
        if (expr.id() == id) {
            return Optional.of(expr);
        }
        List<CelExpr> children = new ArrayList<>();
        switch (expr.exprKind().getKind()) {
            case SELECT -> children.add(expr.select().operand());
            case CALL -> {
                expr.call().target().ifPresent(children::add);
                children.addAll(expr.call().args());
            }
            case LIST -> children.addAll(expr.list().elements());
            case MAP -> expr.map().entries().forEach(e -> {
                children.add(e.key());
                children.add(e.value());
            });
            case STRUCT -> expr.struct().entries().forEach(e -> children.add(e.value()));
            case COMPREHENSION -> {
                CelExpr.CelComprehension c = expr.comprehension();
                children.addAll(List.of(c.iterRange(), c.accuInit(), c.loopCondition(), c.loopStep(), c.result()));
            }
            default -> { }
        }
        for (CelExpr child : children) {
            Optional<CelExpr> found = find(child, id);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The 1-based column of the field name after the selection's position, or 0. */
    private static int fieldColumn(String expression, CelSourceLocation location, String field) {
        if (location.getLine() <= 0) {
            return 0;
        }
        String[] lines = expression.split("\n", -1);
        if (location.getLine() > lines.length) {
            return 0;
        }
        String line = lines[location.getLine() - 1];
        int at = line.indexOf(field, Math.max(0, location.getColumn()));
        return at < 0 ? 0 : at + 1;
    }

    /** The closest candidate within a small edit distance, case-insensitively. */
    static Optional<String> didYouMean(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(java.util.Locale.ROOT);
            int distance = distance(lower, c);
            if (c.startsWith(lower) || lower.startsWith(c)) {
                distance = Math.min(distance, 2);
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        int allowed = Math.max(2, name.length() / 3);
        return bestDistance <= allowed && !name.equals(best) ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

package org.touchpointcrm.console.apis;

import java.util.List;

/**
 * A service refused or failed a request: its RFC 9457 problem as it came (title, detail, and the lists
 * some problems carry: a rule's {@code problems} with line and column, a body's {@code errors} by field),
 * shown to the user as it is. The console never repeats a check a service makes.
 *
 * @param status   the HTTP status the service answered, or 503 when it could not be reached
 * {@code problems} come with {@code line}, {@code column}, {@code message} (and a campaign's {@code part}); {@code errors}
 * with {@code field} (or {@code parameter}) and {@code reason} (or {@code message}).
 */
public class ApiProblem extends RuntimeException {

    private final Service service;
    private final int status;
    private final String title;
    private final String detail;
    private final List<RuleProblem> problems;
    private final List<FieldProblem> errors;

    /** One problem of a rule or template: where (line and column, 0 when it has none), in which part, and what. */
    public record RuleProblem(int line, int column, String part, String message) {
    }

    /** One field of a body the service refused, and why. */
    public record FieldProblem(String field, String reason) {
    }

    public ApiProblem(Service service, int status, String title, String detail, List<RuleProblem> problems,
                      List<FieldProblem> errors) {
        super(service + " answered " + status + ": " + title);
        this.service = service;
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.problems = problems == null ? List.of() : List.copyOf(problems);
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public Service service() {
        return service;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** The service's route is not there (yet): an endpoint of a later release, or a path nobody declared. */
    public boolean noSuchRoute() {
        return status == 404 && title != null && title.toLowerCase().contains("no such route");
    }
}

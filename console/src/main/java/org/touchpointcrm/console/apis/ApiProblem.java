package org.touchpointcrm.console.apis;

import java.util.List;
import java.util.Map;

/**
 * A service refused or failed a request: its RFC 9457 problem as it came (title, detail, and the lists
 * some problems carry: a rule's {@code problems} with line and column, a body's {@code errors} by field),
 * shown to the user as it is. The console never repeats a check a service makes.
 *
 * @param status   the HTTP status the service answered, or 503 when it could not be reached
 * @param problems {@code problems}: each with {@code line}, {@code column}, {@code message} (and {@code part})
 * @param errors   {@code errors}: each with {@code field} and {@code reason}
 */
public class ApiProblem extends RuntimeException {

    private final Service service;
    private final int status;
    private final String title;
    private final String detail;
    private final List<Map<String, Object>> problems;
    private final List<Map<String, Object>> errors;

    public ApiProblem(Service service, int status, String title, String detail, List<Map<String, Object>> problems,
                      List<Map<String, Object>> errors) {
        super(service + " answered " + status + ": " + title);
        this.service = service;
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.problems = problems == null ? List.of() : problems;
        this.errors = errors == null ? List.of() : errors;
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

    public List<Map<String, Object>> problems() {
        return problems;
    }

    public List<Map<String, Object>> errors() {
        return errors;
    }

    /** The service's route is not there (yet): an endpoint of a later release, or a path nobody declared. */
    public boolean noSuchRoute() {
        return status == 404 && title != null && title.toLowerCase().contains("no such route");
    }
}

package org.touchpointcrm.access;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One route of a service and the operations that may call it: a key needs any one of them. The
 * pattern is a Spring MVC one ({@code /v1/customers/{customerId}}), matched the way Spring MVC
 * matches it, segment by segment on the decoded path without {@code ;parameters}.
 *
 * @param method  the method; HEAD is asked as GET ({@link Routes})
 * @param pattern the path pattern as the controller maps it
 * @param anyOf   the operations, any one of which allows the call; the first is the one a refusal names
 */
public record Route(HttpMethod method, PathPattern pattern, List<Operation> anyOf) {

    public Route {
        if (anyOf.isEmpty()) {
            throw new IllegalArgumentException(method + " " + pattern + ": a route needs at least one operation");
        }
        anyOf = List.copyOf(anyOf);
    }

    static Route of(HttpMethod method, String pattern, Operation operation, Operation... alsoAllowed) {
        List<Operation> anyOf = new ArrayList<>(List.of(operation));
        anyOf.addAll(List.of(alsoAllowed));
        return new Route(method, PathPatternParser.defaultInstance.parse(pattern), anyOf);
    }

    boolean matches(PathContainer path) {
        return pattern.matches(path);
    }

    /** Whether the client holds one of the operations. */
    public boolean permits(ApiClient client) {
        return anyOf.stream().anyMatch(client::may);
    }

    /**
     * What a refused key may not do, as it reads after "may not": the route's first operation, the one
     * its callers are meant to hold (a marketer is not told about the instances' own operation).
     */
    String refusal() {
        return anyOf.getFirst().description();
    }

    @Override
    public String toString() {
        return method + " " + pattern.getPatternString() + " " + anyOf;
    }
}

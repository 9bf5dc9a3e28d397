package org.touchpointcrm.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

/**
 * Every route of a service, declared once: the operations each needs, and the few that are public.
 * {@link ApiKeyFilter} answers from it alone, so a request is let through only if it asks a route
 * declared here: a controller route nobody declared is refused, never open. HEAD is asked as GET
 * (Spring MVC answers HEAD from the GET mappings).
 *
 * <pre>{@code
 * Routes.builder()
 *         .get("/v1/customers/{customerId}", Operation.CUSTOMERS_READ)
 *         .post("/v1/touchpoints", Operation.TOUCHPOINTS_WRITE, Operation.CONSENT_WRITE)
 *         .open(PublicRoute.get("/l/o/{token}", "the signature in the link is its proof"))
 *         .build();
 * }</pre>
 */
public final class Routes {

    private final List<Route> scoped;
    private final List<PublicRoute> open;

    private Routes(List<Route> scoped, List<PublicRoute> open) {
        this.scoped = List.copyOf(scoped);
        this.open = List.copyOf(open);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The routes that need a key, in declaration order. */
    public List<Route> scoped() {
        return scoped;
    }

    /** The routes anyone may call: the service's one public list. */
    public List<PublicRoute> publicRoutes() {
        return open;
    }

    /** What a request asks for. */
    public sealed interface Lookup {
        /** A declared route: a key with one of its operations may call it. */
        record Found(Route route) implements Lookup {
        }

        /** A public route: no key needed. */
        record Public(PublicRoute route) implements Lookup {
        }

        /** The path is a route, but not with this method. */
        record MethodNotAllowed(Set<String> allowed) implements Lookup {
        }

        /** No declared route has this path. */
        record NoRoute() implements Lookup {
        }
    }

    /**
     * @param method the request's method, as sent
     * @param path   the path within the application, as Spring MVC matches it
     */
    public Lookup find(String method, PathContainer path) {
        Optional<HttpMethod> asked = asked(method);
        Set<String> allowed = new TreeSet<>();
        // A scoped route wins over a public one of the same path and method: a key is never waived by mistake.
        for (Route route : scoped) {
            if (route.matches(path)) {
                if (asked.isPresent() && route.method().equals(asked.get())) {
                    return new Lookup.Found(route);
                }
                allowed.addAll(names(route.method()));
            }
        }
        for (PublicRoute route : open) {
            if (asked.isPresent() && route.matches(asked.get(), path)) {
                return new Lookup.Public(route);
            }
            if (route.pattern().matches(path)) {
                allowed.addAll(names(route.method()));
            }
        }
        return allowed.isEmpty() ? new Lookup.NoRoute() : new Lookup.MethodNotAllowed(allowed);
    }

    /** The method a request is asked as: HEAD as GET; nothing for a method no route can have. */
    private static Optional<HttpMethod> asked(String method) {
        if (method == null) {
            return Optional.empty();
        }
        HttpMethod resolved = HttpMethod.valueOf(method);
        return Optional.of(HttpMethod.HEAD.equals(resolved) ? HttpMethod.GET : resolved);
    }

    private static List<String> names(HttpMethod method) {
        return HttpMethod.GET.equals(method) ? List.of("GET", "HEAD") : List.of(method.name());
    }

    /** Declares the routes; a route must name at least one operation, a public one its reason. */
    public static final class Builder {

        private final List<Route> scoped = new ArrayList<>();
        private final List<PublicRoute> open = new ArrayList<>();

        private Builder() {
        }

        public Builder get(String pattern, Operation operation, Operation... alsoAllowed) {
            return add(HttpMethod.GET, pattern, operation, alsoAllowed);
        }

        public Builder post(String pattern, Operation operation, Operation... alsoAllowed) {
            return add(HttpMethod.POST, pattern, operation, alsoAllowed);
        }

        public Builder put(String pattern, Operation operation, Operation... alsoAllowed) {
            return add(HttpMethod.PUT, pattern, operation, alsoAllowed);
        }

        public Builder delete(String pattern, Operation operation, Operation... alsoAllowed) {
            return add(HttpMethod.DELETE, pattern, operation, alsoAllowed);
        }

        /** Routes anyone may call, each with its reason. */
        public Builder open(PublicRoute... routes) {
            open.addAll(Arrays.asList(routes));
            return this;
        }

        public Routes build() {
            return new Routes(scoped, open);
        }

        private Builder add(HttpMethod method, String pattern, Operation operation, Operation... alsoAllowed) {
            scoped.add(Route.of(method, pattern, operation, alsoAllowed));
            return this;
        }
    }
}

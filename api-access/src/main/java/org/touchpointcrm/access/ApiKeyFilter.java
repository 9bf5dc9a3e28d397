package org.touchpointcrm.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request to a service passes here, and only what its {@link Routes} declare gets through: a
 * public route without a key; any other route with an API key ({@code Authorization: Bearer KEY},
 * {@code X-Api-Key: KEY}, or as Segment's SDKs send their write key, the basic-auth user) that holds one of the
 * route's operations. Whatever is not declared is
 * refused, so a new controller route stays closed until it is declared. Every request also takes a
 * token from its client's bucket ({@link RequestLimits}): the key's once it is known, else the remote
 * address's. The key itself is never logged or echoed. One small filter rather than a Spring Security
 * chain: key lookup by digest and an operation per route is all the services need.
 *
 * <p>Refusals are RFC 9457 problems: 401 (with {@code WWW-Authenticate: Bearer}) without a known key,
 * 403 naming the key and what it may not do, 404 for a path no route has, 405 (with {@code Allow})
 * for a method the route does not have, 429 (with {@code Retry-After}) over the rate. A caller without
 * a known key learns nothing about the routes: it gets 401 wherever it asks, except on a public route.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-Api-Key";
    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";

    private final ApiKeys keys;
    private final Routes routes;
    private final RequestLimits limits;
    private final JsonMapper json;

    public ApiKeyFilter(ApiKeys keys, Routes routes, RequestLimits limits, JsonMapper json) {
        this.keys = keys;
        this.routes = routes;
        this.limits = limits;
        this.json = json;
    }

    /** With the default request limits ({@link RequestLimitProperties#defaults()}). */
    public ApiKeyFilter(ApiKeys keys, Routes routes, JsonMapper json) {
        this(keys, routes, new RequestLimits(RequestLimitProperties.defaults()), json);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Routes.Lookup lookup = routes.find(request.getMethod(), routedPath(request));
        if (lookup instanceof Routes.Lookup.Public) {
            if (overAddressRate(request, response)) {
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        Optional<String> presented = presentedKey(request);
        Optional<ApiClient> client = presented.flatMap(keys::find);
        if (client.isEmpty()) {
            if (overAddressRate(request, response)) {
                return;
            }
            refuse(response, HttpStatus.UNAUTHORIZED, presented.isEmpty() ? "No API key" : "Unknown API key",
                    presented.isEmpty() ? "send your key as 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'"
                            : "the key is not known here (mistyped, or revoked); ask the CRM team for a valid key");
            return;
        }
        Optional<Duration> wait = limits.takeForKey(client.get());
        if (wait.isPresent()) {
            tooMany(response, wait.get(), "API key '" + client.get().name() + "' may make " + limits.perKey()
                    + " requests per second");
            return;
        }
        switch (lookup) {
            case Routes.Lookup.Found found when found.route().permits(client.get()) -> {
                request.setAttribute(ApiClient.REQUEST_ATTRIBUTE, client.get());
                chain.doFilter(request, response);
            }
            case Routes.Lookup.Found found -> refuse(response, HttpStatus.FORBIDDEN, "Not allowed for this key",
                    "API key '" + client.get().name() + "' may not " + found.route().refusal()
                            + "; ask the CRM team to extend its scope");
            case Routes.Lookup.MethodNotAllowed notAllowed -> {
                response.setHeader(HttpHeaders.ALLOW, String.join(", ", notAllowed.allowed()));
                refuse(response, HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", "this path answers "
                        + String.join(", ", notAllowed.allowed()) + " only; send one of those");
            }
            case Routes.Lookup.NoRoute noRoute -> refuse(response, HttpStatus.NOT_FOUND, "No such route",
                    "no route of this service has this path; check it against the service's API description");
            case Routes.Lookup.Public open -> throw new IllegalStateException("answered above");
        }
    }

    /**
     * The path as Spring MVC matches it to a controller: within the application, each segment
     * percent-decoded and without its {@code ;parameters} when matched ({@code /v1;x=1/customers/c-1}
     * is routed to the customers controller, and so it is asked here).
     */
    static PathContainer routedPath(HttpServletRequest request) {
        return RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication();
    }

    private boolean overAddressRate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Duration> wait = limits.takeForAddress(request.getRemoteAddr());
        if (wait.isPresent()) {
            tooMany(response, wait.get(), "a caller without a known key may make " + limits.perAddress()
                    + " requests per second from one address");
            return true;
        }
        return false;
    }

    private void tooMany(HttpServletResponse response, Duration wait, String limit) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        refuse(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                limit + "; slow down and retry after " + seconds + " s");
    }

    private static Optional<String> presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).strip()).filter(k -> !k.isEmpty());
        }
        if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return basicUser(authorization.substring(BASIC.length()).strip());
        }
        return Optional.ofNullable(request.getHeader(API_KEY_HEADER)).map(String::strip).filter(k -> !k.isEmpty());
    }

    /**
     * Segment's SDKs (and RudderStack's) send their write key as the basic-auth user with an empty password: the user
     * is the key; a password, if any, is not looked at. Undecodable credentials are no key.
     */
    private static Optional<String> basicUser(String credentials) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return Optional.of((colon < 0 ? decoded : decoded.substring(0, colon)).strip()).filter(k -> !k.isEmpty());
    }

    private void refuse(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}

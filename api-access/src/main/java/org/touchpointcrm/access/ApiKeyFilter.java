package org.touchpointcrm.access;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 * Every request within the service's {@link RouteScopes#guardedPrefix() guarded paths} names its
 * holder by API key ({@code Authorization: Bearer KEY} or {@code X-Api-Key: KEY}) and may do only
 * what that key allows for the route ({@link RouteScopes}). The key itself is never logged or
 * echoed. Written as one small filter rather than a Spring Security chain: key lookup by digest and
 * an operation per route is all the services need. Refusals are RFC 9457 problems: 401 (with
 * {@code WWW-Authenticate: Bearer}) without a known key, 403 naming the key and what it may not do.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-Api-Key";
    private static final String BEARER = "Bearer ";
    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    private final ApiKeys keys;
    private final RouteScopes routes;
    private final JsonMapper json;

    public ApiKeyFilter(ApiKeys keys, RouteScopes routes, JsonMapper json) {
        this.keys = keys;
        this.routes = routes;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !routedPath(request).startsWith(routes.guardedPrefix());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> presented = presentedKey(request);
        if (presented.isEmpty()) {
            refuse(response, HttpStatus.UNAUTHORIZED, "No API key",
                    "send your channel system's key as 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'");
            return;
        }
        Optional<ApiClient> client = keys.find(presented.get());
        if (client.isEmpty()) {
            refuse(response, HttpStatus.UNAUTHORIZED, "Unknown API key",
                    "the key is not known here (mistyped, or revoked); ask the CRM team for a valid key");
            return;
        }
        Optional<Operation> needed = routes.of(request.getMethod(), routedPath(request));
        if (needed.isPresent() && !routes.permits(client.get(), needed.get())) {
            refuse(response, HttpStatus.FORBIDDEN, "Not allowed for this key", "API key '" + client.get().name()
                    + "' may not " + needed.get().description() + "; ask the CRM team to extend its scope");
            return;
        }
        request.setAttribute(ApiClient.REQUEST_ATTRIBUTE, client.get());
        chain.doFilter(request, response);
    }

    /**
     * The path as Spring MVC matches it to a controller: within the application, each segment
     * percent-decoded and without its {@code ;parameters}. The raw request URI would not do:
     * {@code /v1;x=1/customers/c-1} does not start with {@code /v1/}, yet Spring MVC routes it to
     * the customers controller. Runs of slashes count as one, so that a doubled slash guards more,
     * never less.
     */
    static String routedPath(HttpServletRequest request) {
        String path = RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication()
                .elements().stream()
                .map(element -> element instanceof PathContainer.PathSegment segment ? segment.valueToMatch() : element.value())
                .collect(Collectors.joining());
        return SLASHES.matcher(path).replaceAll("/");
    }

    private static Optional<String> presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).strip()).filter(k -> !k.isEmpty());
        }
        return Optional.ofNullable(request.getHeader(API_KEY_HEADER)).map(String::strip).filter(k -> !k.isEmpty());
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

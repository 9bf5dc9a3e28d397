package org.touchpointcrm.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.touchpointcrm.avro.Channel;

/**
 * What each service's route test asks of every route: enumerated from the service's own request
 * mappings, so that a route added later without an example fails the test, and asked without a key
 * (401), with a key of every other operation (403) and with a key of the route's operations (2xx).
 * The keys are made per example: {@link #keys} configures them, {@link #rightKey} and
 * {@link #wrongKey} name them.
 */
public final class RouteContract {

    private RouteContract() {
    }

    /**
     * A route's minimal valid request.
     *
     * @param method      the method the controller maps
     * @param pattern     the pattern the controller maps, as its mapping spells it
     * @param uri         a concrete request of it
     * @param needs       the operations the route is meant for: the right key holds these; none if public
     * @param alsoAllowed operations the route also takes (the instances' own, say): the wrong key holds none of
     *                    these either
     * @param contentType the body's type, or null without a body
     * @param body        the body, or null
     */
    public record Example(HttpMethod method, String pattern, String uri, Set<Operation> needs, Set<Operation> alsoAllowed,
                          MediaType contentType, String body) {

        public Example(HttpMethod method, String pattern, String uri, Set<Operation> needs, MediaType contentType,
                       String body) {
            this(method, pattern, uri, needs, Set.of(), contentType, body);
        }

        /** The same, taking these operations too. */
        public Example orAlso(Operation... operations) {
            return new Example(method, pattern, uri, needs, operations(operations), contentType, body);
        }

        public static Example get(String pattern, String uri, Operation... needs) {
            return new Example(HttpMethod.GET, pattern, uri, operations(needs), null, null);
        }

        public static Example delete(String pattern, String uri, Operation... needs) {
            return new Example(HttpMethod.DELETE, pattern, uri, operations(needs), null, null);
        }

        public static Example post(String pattern, String uri, MediaType contentType, String body, Operation... needs) {
            return new Example(HttpMethod.POST, pattern, uri, operations(needs), contentType, body);
        }

        public static Example put(String pattern, String uri, MediaType contentType, String body, Operation... needs) {
            return new Example(HttpMethod.PUT, pattern, uri, operations(needs), contentType, body);
        }

        /** "GET /v1/customers/{customerId}": the route, as {@link #mapped} lists it. */
        public String route() {
            return method.name() + " " + pattern;
        }

        @Override
        public String toString() {
            return route();
        }

        private static Set<Operation> operations(Operation... needs) {
            return needs.length == 0 ? Set.of() : Set.copyOf(EnumSet.of(needs[0], needs));
        }
    }

    /**
     * Every route the service's controllers map, as "METHOD pattern". Spring Boot's own error
     * controller is left out: {@code /error} is where the container sends an error dispatch, which the
     * key filter does not see; asked directly, it is refused like every undeclared path.
     */
    public static Set<String> mapped(ApplicationContext context) {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                if (entry.getValue().getBeanType().getName().startsWith("org.springframework.boot.")) {
                    continue;
                }
                RequestMappingInfo info = entry.getKey();
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                    if (methods.isEmpty()) {
                        routes.add("ANY " + pattern.getPatternString());
                    }
                    methods.forEach(method -> routes.add(method.name() + " " + pattern.getPatternString()));
                }
            }
        }
        return routes;
    }

    /**
     * The top-level controllers of a service's packages, found by scanning as the application does: for a test
     * that names its controllers (because the application class would start Kafka), to assert that it
     * names them all.
     */
    public static Set<Class<?>> controllers(String basePackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        Set<Class<?>> found = new java.util.HashSet<>();
        for (var candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), RouteContract.class.getClassLoader());
            if (!type.isMemberClass()) {
                found.add(type); // a nested one is a test's stand-in, not the service's
            }
        }
        return found;
    }

    /** The routes of the examples, as {@link #mapped} lists them. */
    public static Set<String> routes(Collection<Example> examples) {
        return examples.stream().map(Example::route).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The public routes a service declares, as {@link #mapped} lists them. */
    public static Set<String> publicRoutes(Routes routes) {
        return routes.publicRoutes().stream().map(route -> route.method().name() + " " + route.pattern().getPatternString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** For each scoped example a right key (its operations) and a wrong one (every other operation); every channel. */
    public static List<AccessProperties.Key> keys(Collection<Example> examples) {
        Map<String, AccessProperties.Key> keys = new LinkedHashMap<>();
        for (Example example : examples) {
            if (example.needs().isEmpty()) {
                continue;
            }
            Set<Operation> taken = EnumSet.copyOf(example.needs());
            taken.addAll(example.alsoAllowed());
            Set<Operation> others = EnumSet.complementOf(EnumSet.copyOf(taken));
            keys.putIfAbsent(rightKey(example), key(rightKey(example), example.needs()));
            keys.putIfAbsent(wrongKey(example), key(wrongKey(example), others));
        }
        return new ArrayList<>(keys.values());
    }

    /** A key with all and only the example's operations. */
    public static String rightKey(Example example) {
        return "test-key-with-" + names(example.needs());
    }

    /** A key with every operation but those the example's route takes. */
    public static String wrongKey(Example example) {
        Set<Operation> taken = EnumSet.copyOf(example.needs());
        taken.addAll(example.alsoAllowed());
        return "test-key-without-" + names(taken);
    }

    /** Asks the example's request, with the key or without one (null). */
    public static MvcTestResult ask(MockMvcTester mvc, Example example, String key) {
        return ask(mvc, example.method(), example, key);
    }

    /** Asks the example's request with another method (HEAD for a GET, an unknown one). */
    public static MvcTestResult ask(MockMvcTester mvc, HttpMethod method, Example example, String key) {
        var request = mvc.method(method).uri(example.uri());
        if (key != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        }
        if (example.body() != null) {
            request = request.contentType(example.contentType()).content(example.body());
        }
        return request.exchange();
    }

    /** No key: 401. A key of every other operation: 403. The route's operations: a 2xx from its handler. */
    public static void assertScoped(MockMvcTester mvc, Example example) {
        assertThat(ask(mvc, example, null)).as(example + " without a key").hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(ask(mvc, example, wrongKey(example))).as(example + " with a key of every other operation")
                .hasStatus(HttpStatus.FORBIDDEN);
        MvcTestResult right = ask(mvc, example, rightKey(example));
        assertThat(right).as(example + " with its operations").hasStatus2xxSuccessful();
        assertThat(right.getMvcResult().getHandler()).as(example + " reached its handler").isNotNull();
    }

    /**
     * A public route reaches its handler without a key; the handler then checks its own proof (a
     * signature), so what it answers to the example is its business, not the key filter's.
     */
    public static void assertPublic(MockMvcTester mvc, Example example) {
        MvcTestResult result = ask(mvc, example, null);
        assertThat(result.getMvcResult().getHandler()).as(example + " reached its handler without a key").isNotNull();
        assertThat(result.getResponse().getStatus()).as(example + " without a key").isNotIn(401, 405, 429);
    }

    /** Every top-level controller of the service's packages is a bean of the test's context. */
    public static void assertEveryControllerIsIn(ApplicationContext context, String basePackage) {
        assertThat(controllers(basePackage)).isNotEmpty().allSatisfy(controller ->
                assertThat(context.getBeanNamesForType(controller)).as(controller.getName()).isNotEmpty());
    }

    /** HEAD of a GET route is refused and let through exactly as the GET is: Spring MVC answers it from the GET. */
    public static void assertHeadIsAskedAsGet(MockMvcTester mvc, Example get) {
        assertThat(ask(mvc, HttpMethod.HEAD, get, null)).as("HEAD " + get.uri() + " without a key")
                .hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(ask(mvc, HttpMethod.HEAD, get, wrongKey(get))).as("HEAD " + get.uri() + " with another operation")
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(ask(mvc, HttpMethod.HEAD, get, rightKey(get))).as("HEAD " + get.uri() + " with its operation")
                .hasStatus(HttpStatus.OK);
    }

    /**
     * A method the route does not have (PATCH, a made-up one) is refused, never passed on: 401 without a
     * key, else 405 naming those it has.
     */
    public static void assertOtherMethodsRefused(MockMvcTester mvc, Example example, String allow) {
        for (String method : List.of("PATCH", "OPTIONS", "PROPFIND")) {
            assertThat(ask(mvc, HttpMethod.valueOf(method), example, null)).as(method + " " + example.uri())
                    .hasStatus(HttpStatus.UNAUTHORIZED);
            assertThat(ask(mvc, HttpMethod.valueOf(method), example, rightKey(example))).as(method + " " + example.uri())
                    .hasStatus(HttpStatus.METHOD_NOT_ALLOWED).hasHeader(HttpHeaders.ALLOW, allow);
        }
    }

    private static AccessProperties.Key key(String name, Set<Operation> operations) {
        return new AccessProperties.Key(name, ApiKeys.sha256Hex(name), EnumSet.allOf(Channel.class), operations, 0);
    }

    private static String names(Set<Operation> operations) {
        return operations.stream().map(Enum::name).sorted().collect(Collectors.joining("+"));
    }
}

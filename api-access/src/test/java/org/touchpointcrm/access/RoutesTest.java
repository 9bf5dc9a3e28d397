package org.touchpointcrm.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

class RoutesTest {

    private final Routes routes = Routes.builder()
            .get("/v1/things", Operation.CAMPAIGNS_READ)
            .get("/v1/things/{id}", Operation.CAMPAIGNS_READ)
            .put("/v1/things/{id}", Operation.CAMPAIGNS_WRITE)
            .post("/v1/things:check", Operation.CAMPAIGNS_WRITE, Operation.INSTANCE_QUERIES)
            .open(PublicRoute.get("/l/{token}", "signed"))
            .build();

    @Test
    void aDeclaredRouteIsFoundWithItsOperations() {
        assertThat(find("PUT", "/v1/things/a")).isEqualTo(new Routes.Lookup.Found(routes.scoped().get(2)));
        assertThat(find("POST", "/v1/things:check")).isInstanceOfSatisfying(Routes.Lookup.Found.class,
                found -> assertThat(found.route().anyOf())
                        .containsExactly(Operation.CAMPAIGNS_WRITE, Operation.INSTANCE_QUERIES));
    }

    @Test
    void headIsAskedAsGet() {
        assertThat(find("HEAD", "/v1/things/a")).isEqualTo(find("GET", "/v1/things/a"));
        assertThat(find("HEAD", "/l/x")).isInstanceOf(Routes.Lookup.Public.class);
    }

    @Test
    void aMethodTheRouteHasNotIsNotAllowedAndTheAnswerNamesThoseItHas() {
        assertThat(find("PATCH", "/v1/things/a")).isEqualTo(new Routes.Lookup.MethodNotAllowed(Set.of("GET", "HEAD", "PUT")));
        assertThat(find("MADE-UP", "/v1/things")).isEqualTo(new Routes.Lookup.MethodNotAllowed(Set.of("GET", "HEAD")));
        assertThat(find("POST", "/l/x")).isEqualTo(new Routes.Lookup.MethodNotAllowed(Set.of("GET", "HEAD")));
    }

    @Test
    void aPathNoRouteHasIsNoRouteNotAFallThrough() {
        assertThat(find("GET", "/v1/things/a/b")).isEqualTo(new Routes.Lookup.NoRoute());
        assertThat(find("GET", "/v1/things/")).as("no trailing-slash match, as Spring MVC").isEqualTo(new Routes.Lookup.NoRoute());
        assertThat(find("GET", "/actuator/health")).isEqualTo(new Routes.Lookup.NoRoute());
    }

    @Test
    void aScopedRouteWinsOverAPublicOneOfTheSamePath() {
        Routes overlapping = Routes.builder().get("/l/special", Operation.CAMPAIGNS_READ)
                .open(PublicRoute.get("/l/{token}", "signed")).build();

        assertThat(overlapping.find("GET", PathContainer.parsePath("/l/special"))).isInstanceOf(Routes.Lookup.Found.class);
    }

    @Test
    void aRouteWithoutAnOperationCannotBeDeclared() {
        assertThatThrownBy(() -> new Route(HttpMethod.GET, PathPatternParser.defaultInstance.parse("/v1/x"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one operation");
    }

    private Routes.Lookup find(String method, String path) {
        return routes.find(method, PathContainer.parsePath(path));
    }
}

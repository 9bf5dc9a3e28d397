package org.touchpointcrm.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

/** The filter with routes of its own: what it guards, whom it lets through, and how it refuses. */
class ApiKeyFilterTest {

    /** Guards /v1/reports: reading the daily report needs CUSTOMERS_READ, anything else any known key. */
    private static final RouteScopes REPORTS = new RouteScopes() {
        @Override
        public String guardedPrefix() {
            return "/v1/reports";
        }

        @Override
        public Optional<Operation> of(String method, String path) {
            return "GET".equals(method) && path.startsWith("/v1/reports/daily") ? Optional.of(Operation.CUSTOMERS_READ)
                    : Optional.empty();
        }
    };

    private final ApiKeyFilter filter = new ApiKeyFilter(new ApiKeys(() -> List.of(
            new AccessProperties.Key("analyst", ApiKeys.sha256Hex("analyst-key"), Set.of(),
                    Set.of(Operation.CUSTOMERS_READ), 0),
            new AccessProperties.Key("till", ApiKeys.sha256Hex("till-key"), Set.of(),
                    Set.of(Operation.TOUCHPOINTS_WRITE), 0))),
            REPORTS, JsonMapper.builder().build());

    @Test
    void aPathOutsideTheGuardedPrefixNeedsNoKey() throws Exception {
        Exchange exchange = exchange("GET", "/v1/other", null);

        assertThat(exchange.passedOn()).isTrue();
        assertThat(exchange.response.getStatus()).isEqualTo(200);
    }

    @Test
    void theGuardedPrefixIsCheckedOnThePathSpringMvcRoutesNotOnTheRawUri() throws Exception {
        for (String disguised : List.of("/v1;x=1/reports", "/v1/%72eports", "//v1/reports", "/v1//reports;x=1/daily")) {
            Exchange exchange = exchange("GET", disguised, null);

            assertThat(exchange.response.getStatus()).as(disguised).isEqualTo(401);
        }
    }

    @Test
    void aRouteIsAskedForItsOperationByItsRoutedPath() throws Exception {
        assertThat(exchange("GET", "/v1/reports/%64aily", "Bearer till-key").response.getStatus()).isEqualTo(403);
    }

    @Test
    void withoutAKeyTheAnswerIs401WithBearerChallengeAsAProblem() throws Exception {
        Exchange exchange = exchange("POST", "/v1/reports", null);

        assertThat(exchange.passedOn()).isFalse();
        assertThat(exchange.response.getStatus()).isEqualTo(401);
        assertThat(exchange.response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        assertThat(exchange.response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(exchange.response.getContentAsString()).contains("No API key", "Authorization: Bearer KEY");
    }

    @Test
    void anUnknownKeyIs401AndNeverEchoed() throws Exception {
        Exchange exchange = exchange("POST", "/v1/reports", "Bearer guessed-key");

        assertThat(exchange.response.getStatus()).isEqualTo(401);
        assertThat(exchange.response.getContentAsString()).contains("Unknown API key").doesNotContain("guessed-key");
    }

    @Test
    void aKeyWithoutTheRoutesOperationIs403NamingTheKeyAndWhatItMayNotDo() throws Exception {
        Exchange exchange = exchange("GET", "/v1/reports/daily", "Bearer till-key");

        assertThat(exchange.passedOn()).isFalse();
        assertThat(exchange.response.getStatus()).isEqualTo(403);
        assertThat(exchange.response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isNull();
        assertThat(exchange.response.getContentAsString())
                .contains("API key 'till' may not read customers; ask the CRM team to extend its scope");
    }

    @Test
    void aKeyWithTheOperationPassesAndTheRequestCarriesItsClient() throws Exception {
        var request = new MockHttpServletRequest("GET", "/v1/reports/daily");
        request.addHeader("X-Api-Key", " analyst-key ");
        Exchange exchange = exchange(request);

        assertThat(exchange.passedOn()).isTrue();
        assertThat(request.getAttribute(ApiClient.REQUEST_ATTRIBUTE)).isInstanceOfSatisfying(ApiClient.class,
                client -> assertThat(client.name()).isEqualTo("analyst"));
    }

    @Test
    void aRouteWithoutAnOperationTakesAnyKnownKey() throws Exception {
        assertThat(exchange("POST", "/v1/reports", "bearer till-key").passedOn()).isTrue();
    }

    private Exchange exchange(String method, String path, String authorization) throws Exception {
        var request = new MockHttpServletRequest(method, path);
        if (authorization != null) {
            request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        return exchange(request);
    }

    private Exchange exchange(MockHttpServletRequest request) throws Exception {
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Exchange(response, chain);
    }

    private record Exchange(MockHttpServletResponse response, MockFilterChain chain) {
        boolean passedOn() {
            return chain.getRequest() != null;
        }
    }
}

package org.touchpointcrm.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

/** The filter with routes of its own: what it lets through, to whom, and how it refuses. */
class ApiKeyFilterTest {

    /** Reports: reading the daily one needs CUSTOMERS_READ, filing one TOUCHPOINTS_WRITE; a signed page is public. */
    private static final Routes REPORTS = Routes.builder()
            .get("/v1/reports/daily", Operation.CUSTOMERS_READ)
            .post("/v1/reports", Operation.TOUCHPOINTS_WRITE, Operation.CONSENT_WRITE)
            .open(PublicRoute.get("/p/{token}", "the token is signed"))
            .build();

    private final ApiKeys keys = new ApiKeys(() -> List.of(
            new AccessProperties.Key("analyst", ApiKeys.sha256Hex("analyst-key"), Set.of(),
                    Set.of(Operation.CUSTOMERS_READ), 0),
            new AccessProperties.Key("till", ApiKeys.sha256Hex("till-key"), Set.of(),
                    Set.of(Operation.TOUCHPOINTS_WRITE), 0)));
    private ApiKeyFilter filter = new ApiKeyFilter(keys, REPORTS, JsonMapper.builder().build());

    @Test
    void aPublicRouteNeedsNoKey() throws Exception {
        assertThat(exchange("GET", "/p/abc", null).passedOn()).isTrue();
        assertThat(exchange("HEAD", "/p/abc", null).passedOn()).as("HEAD as GET").isTrue();
    }

    @Test
    void aPathNoRouteHasIs401WithoutAKeyAnd404WithOne() throws Exception {
        assertThat(exchange("GET", "/v1/other", null).response.getStatus()).isEqualTo(401);
        Exchange known = exchange("GET", "/v1/other", "Bearer analyst-key");

        assertThat(known.passedOn()).isFalse();
        assertThat(known.response.getStatus()).isEqualTo(404);
        assertThat(known.response.getContentAsString()).contains("No such route");
    }

    @Test
    void aRouteIsFoundByThePathSpringMvcRoutesNotByTheRawUri() throws Exception {
        for (String disguised : List.of("/v1;x=1/reports/daily", "/v1/%72eports/daily", "/v1/reports;x=1/daily")) {
            assertThat(exchange("GET", disguised, null).response.getStatus()).as(disguised).isEqualTo(401);
            assertThat(exchange("GET", disguised, "Bearer till-key").response.getStatus()).as(disguised).isEqualTo(403);
            assertThat(exchange("GET", disguised, "Bearer analyst-key").passedOn()).as(disguised).isTrue();
        }
    }

    @Test
    void headIsCheckedAsGet() throws Exception {
        assertThat(exchange("HEAD", "/v1/reports/daily", null).response.getStatus()).isEqualTo(401);
        assertThat(exchange("HEAD", "/v1/reports/daily", "Bearer till-key").response.getStatus()).isEqualTo(403);
        assertThat(exchange("HEAD", "/v1/reports/daily", "Bearer analyst-key").passedOn()).isTrue();
    }

    @Test
    void aMethodTheRouteDoesNotHaveIs405WithAllowNeverAFallThrough() throws Exception {
        for (String method : List.of("PATCH", "DELETE", "OPTIONS", "BREW")) {
            Exchange exchange = exchange(method, "/v1/reports/daily", "Bearer analyst-key");

            assertThat(exchange.passedOn()).as(method).isFalse();
            assertThat(exchange.response.getStatus()).as(method).isEqualTo(405);
            assertThat(exchange.response.getHeader(HttpHeaders.ALLOW)).as(method).isEqualTo("GET, HEAD");
            assertThat(exchange(method, "/v1/reports/daily", null).response.getStatus()).as(method).isEqualTo(401);
        }
        assertThat(exchange("PUT", "/p/abc", null).response.getStatus()).as("a public route's other methods need a key")
                .isEqualTo(401);
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
    void segmentsWriteKeyAsTheBasicAuthUserIsTheApiKey() throws Exception {
        String writeKey = "Basic " + java.util.Base64.getEncoder().encodeToString("till-key:".getBytes());
        var request = new MockHttpServletRequest("POST", "/v1/reports");
        request.addHeader(HttpHeaders.AUTHORIZATION, writeKey);
        Exchange exchange = exchange(request);

        assertThat(exchange.passedOn()).isTrue();
        assertThat(request.getAttribute(ApiClient.REQUEST_ATTRIBUTE)).isInstanceOfSatisfying(ApiClient.class,
                client -> assertThat(client.name()).isEqualTo("till"));
        String unknown = "Basic " + java.util.Base64.getEncoder().encodeToString("guessed-key:".getBytes());
        assertThat(exchange("POST", "/v1/reports", unknown).response.getStatus()).isEqualTo(401);
        assertThat(exchange("POST", "/v1/reports", "Basic not*base64").response.getStatus()).isEqualTo(401);
    }

    @Test
    void aRouteMayAllowMoreThanOneOperation() throws Exception {
        assertThat(exchange("POST", "/v1/reports", "bearer till-key").passedOn()).isTrue();
        assertThat(exchange("POST", "/v1/reports", "Bearer analyst-key").response.getContentAsString())
                .contains("may not send touchpoints; ask the CRM team");
    }

    @Test
    void aKeyOverItsRequestRateIsToldWhenToRetryAndAnotherKeyIsNotSlowed() throws Exception {
        filter = new ApiKeyFilter(keys, REPORTS, new RequestLimits(new RequestLimitProperties(2, 1000,
                Duration.ofMinutes(1))), JsonMapper.builder().build());
        exchange("GET", "/v1/reports/daily", "Bearer analyst-key");
        exchange("GET", "/v1/reports/daily", "Bearer analyst-key");

        Exchange third = exchange("GET", "/v1/reports/daily", "Bearer analyst-key");

        assertThat(third.passedOn()).isFalse();
        assertThat(third.response.getStatus()).isEqualTo(429);
        assertThat(third.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(third.response.getContentAsString()).contains("API key 'analyst' may make 2 requests per second");
        assertThat(exchange("POST", "/v1/reports", "Bearer till-key").passedOn()).isTrue();
    }

    @Test
    void callersWithoutAKnownKeyAndPublicRoutesAreLimitedByAddress() throws Exception {
        filter = new ApiKeyFilter(keys, REPORTS, new RequestLimits(new RequestLimitProperties(1000, 2,
                Duration.ofMinutes(1))), JsonMapper.builder().build());
        exchange("GET", "/p/abc", null);
        exchange("GET", "/v1/reports/daily", "Bearer guessed-key");

        Exchange third = exchange("GET", "/v1/reports/daily", null);

        assertThat(third.response.getStatus()).isEqualTo(429);
        assertThat(third.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(exchange("GET", "/p/abc", null).response.getStatus()).isEqualTo(429);
        var elsewhere = new MockHttpServletRequest("GET", "/p/abc");
        elsewhere.setRemoteAddr("192.0.2.7");
        assertThat(exchange(elsewhere).passedOn()).as("another address has its own bucket").isTrue();
        assertThat(exchange("GET", "/v1/reports/daily", "Bearer analyst-key").passedOn()).as("a known key its own")
                .isTrue();
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

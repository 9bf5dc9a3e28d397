package org.touchpointcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.touchpointcrm.access.Operation.CONSENT_WRITE;
import static org.touchpointcrm.access.Operation.CUSTOMERS_ERASE;
import static org.touchpointcrm.access.Operation.CUSTOMERS_READ;
import static org.touchpointcrm.access.Operation.CUSTOMERS_WRITE;
import static org.touchpointcrm.access.Operation.TOUCHPOINTS_WRITE;
import static org.touchpointcrm.access.RouteContract.Example.delete;
import static org.touchpointcrm.access.RouteContract.Example.get;
import static org.touchpointcrm.access.RouteContract.Example.post;
import static org.touchpointcrm.access.RouteContract.Example.put;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.touchpointcrm.access.RouteContract;
import org.touchpointcrm.access.RouteContract.Example;
import org.touchpointcrm.ingest.access.ApiKeyProperties;
import org.touchpointcrm.ingest.access.IngestAccessConfiguration;
import org.touchpointcrm.ingest.access.IngestRoutes;
import org.touchpointcrm.ingest.touchpoints.RateLimits;
import org.touchpointcrm.ingest.customers.CustomerImport;
import org.touchpointcrm.ingest.customers.CustomerPublisher;
import org.touchpointcrm.ingest.customers.CustomerValidator;
import org.touchpointcrm.access.profiles.ProfileQueryClient;
import org.touchpointcrm.ingest.input.IngestProperties;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher.Stored;
import org.touchpointcrm.ingest.touchpoints.BatchReader;
import org.touchpointcrm.ingest.touchpoints.IngestMetrics;
import org.touchpointcrm.ingest.touchpoints.TouchpointPublisher;
import org.touchpointcrm.ingest.touchpoints.TouchpointValidator;
import org.touchpointcrm.schemas.Topics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Every route of ingest-service, enumerated from its own request mappings, asked without a key (401),
 * with a key of every other operation (403) and with the route's own (2xx). ingest has no public route.
 */
@WebMvcTest(properties = "springdoc.use-management-port=true")
@Import({IngestProblems.class, TouchpointValidator.class, BatchReader.class, IngestAccessConfiguration.class,
        RateLimits.class, IngestMetrics.class, CustomerValidator.class, IngestRoutesTest.Keys.class})
class IngestRoutesTest {

    private static final String PURCHASE = """
            {"eventId": "pos-1", "occurredAt": "2026-11-23T10:00:00Z", "channel": "POS", "type": "PURCHASE",
             "customer": {"customerId": "c-1"}, "amount": 10.00, "currency": "EUR"}""";

    private static final String SEGMENT_TRACK = """
            {"messageId": "m-1", "userId": "c-1", "event": "Product Viewed", "timestamp": "2026-11-23T10:00:00Z"}""";
    private static final String SEGMENT_BATCH = "{\"batch\": [{\"type\": \"track\", " + SEGMENT_TRACK.strip().substring(1) + "]}";

    /** A minimal valid request of every route. */
    static final List<Example> EXAMPLES = List.of(
            post("/v1/touchpoints", "/v1/touchpoints", MediaType.APPLICATION_JSON, PURCHASE, TOUCHPOINTS_WRITE)
                    .orAlso(CONSENT_WRITE),
            post("/v1/touchpoints:batch", "/v1/touchpoints:batch", MediaType.APPLICATION_JSON, "[" + PURCHASE + "]",
                    TOUCHPOINTS_WRITE).orAlso(CONSENT_WRITE),
            put("/v1/customers/{customerId}", "/v1/customers/c-1", MediaType.APPLICATION_JSON,
                    "{\"lastName\": \"Virtanen\", \"country\": \"FI\"}", CUSTOMERS_WRITE),
            post("/v1/customers:import", "/v1/customers:import", MediaType.parseMediaType("text/csv"),
                    "customerId,lastName,country\nc-1,Virtanen,FI\n", CUSTOMERS_WRITE),
            get("/v1/customers/{customerId}", "/v1/customers/c-1", CUSTOMERS_READ),
            delete("/v1/customers/{customerId}", "/v1/customers/c-1", CUSTOMERS_ERASE),
            post("/v1/track", "/v1/track", MediaType.APPLICATION_JSON, SEGMENT_TRACK, TOUCHPOINTS_WRITE),
            post("/v1/identify", "/v1/identify", MediaType.APPLICATION_JSON,
                    "{\"messageId\": \"m-2\", \"anonymousId\": \"a-1\", \"traits\": {\"email\": \"a@example.fi\"}}",
                    TOUCHPOINTS_WRITE),
            post("/v1/page", "/v1/page", MediaType.APPLICATION_JSON,
                    "{\"messageId\": \"m-3\", \"anonymousId\": \"a-1\", \"name\": \"Home\"}", TOUCHPOINTS_WRITE),
            post("/v1/screen", "/v1/screen", MediaType.APPLICATION_JSON,
                    "{\"messageId\": \"m-4\", \"anonymousId\": \"a-1\", \"name\": \"Cart\"}", TOUCHPOINTS_WRITE),
            post("/v1/alias", "/v1/alias", MediaType.APPLICATION_JSON,
                    "{\"messageId\": \"m-5\", \"userId\": \"c-1\", \"previousId\": \"a-1\"}", TOUCHPOINTS_WRITE),
            post("/v1/batch", "/v1/batch", MediaType.APPLICATION_JSON, SEGMENT_BATCH, TOUCHPOINTS_WRITE),
            post("/v1/import", "/v1/import", MediaType.APPLICATION_JSON, SEGMENT_BATCH, TOUCHPOINTS_WRITE),
            post("/v1/import/", "/v1/import/", MediaType.APPLICATION_JSON, SEGMENT_BATCH, TOUCHPOINTS_WRITE));

    /** ingest-service's public routes: none. */
    private static final Set<String> PUBLIC = Set.of();

    @Autowired
    private MockMvcTester mvc;
    @Autowired
    private ApplicationContext context;

    @MockitoBean
    private TouchpointPublisher touchpoints;
    @MockitoBean
    private CustomerPublisher customers;
    @MockitoBean
    private CustomerImport customerImport;
    @MockitoBean
    private ProfileQueryClient profiles;

    @BeforeEach
    void collaboratorsAnswer() {
        Stored stored = new Stored(Topics.CUSTOMERS.name(), 0, 1L);
        given(touchpoints.publish(any())).willReturn(stored);
        given(touchpoints.publishAll(any())).willAnswer(call -> ((List<?>) call.getArgument(0)).stream()
                .map(event -> stored).toList());
        given(customers.upsert(any())).willReturn(stored);
        given(customers.fileErasure(any())).willReturn(stored);
        given(profiles.profile(anyString(), eq(String.class))).willReturn(Optional.of("{\"customerId\": \"c-1\"}"));
    }

    @Test
    void everyMappedRouteHasAnExampleSoThatNoneIsForgotten() {
        assertThat(RouteContract.mapped(context)).isEqualTo(RouteContract.routes(EXAMPLES));
    }

    @Test
    void theServiceDeclaresExactlyThesePublicRoutes() {
        assertThat(RouteContract.publicRoutes(IngestRoutes.ROUTES)).isEqualTo(PUBLIC);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("EXAMPLES")
    void everyRouteNeedsAKeyWithItsOperation(Example example) {
        RouteContract.assertScoped(mvc, example);
    }

    @Test
    void headIsCheckedLikeGetSoATillCannotProbeCustomers() {
        RouteContract.assertHeadIsAskedAsGet(mvc, EXAMPLES.get(4));
    }

    @Test
    void aMethodNoRouteHasIsRefused() {
        RouteContract.assertOtherMethodsRefused(mvc, EXAMPLES.get(4), "DELETE, GET, HEAD, PUT");
    }

    @Test
    void aPathNoRouteHasIsRefusedEvenWithAKey() {
        assertThat(mvc.get().uri("/error").exchange()).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/v3/api-docs").header("Authorization", "Bearer " + RouteContract.rightKey(EXAMPLES.get(4)))
                .exchange()).hasStatus(HttpStatus.NOT_FOUND);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Keys {

        @Bean
        ApiKeyProperties apiKeyProperties() {
            return new ApiKeyProperties(RouteContract.keys(EXAMPLES), 10_000);
        }

        @Bean
        IngestProperties ingestProperties() {
            return new IngestProperties(Duration.ofSeconds(5), Duration.ofDays(3650), Duration.ofDays(3650), "FI");
        }

        @Bean
        java.time.Clock clock() {
            return java.time.Clock.fixed(IngestWebTestConfiguration.NOW, java.time.ZoneOffset.UTC);
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}

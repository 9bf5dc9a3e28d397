package org.touchpointcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher.Stored;
import org.touchpointcrm.ingest.publishing.BrokerUnavailableException;
import org.touchpointcrm.ingest.touchpoints.TouchpointController;
import org.touchpointcrm.ingest.touchpoints.TouchpointPublisher;
import org.touchpointcrm.ingest.touchpoints.TouchpointValidator;

/**
 * What a channel system sees of {@code POST /v1/touchpoints}: status codes, media types and the
 * shape of answers and problems. Kafka is replaced by a mock; the end-to-end test covers the broker.
 */
@WebMvcTest(TouchpointController.class)
@Import(IngestWebTestConfiguration.class)
class IngestHttpContractTest {

    private static final Instant NOW = IngestWebTestConfiguration.NOW;
    /** A valid purchase, which other tests of the HTTP contract vary. */
    static final String PURCHASE = """
            {"eventId": "pos-tampere-000123", "occurredAt": "2026-11-23T09:15:30Z",
             "channel": "POS", "type": "PURCHASE",
             "customer": {"customerId": "c-9001", "email": "aino.virtanen@example.fi"},
             "amount": 49.90, "currency": "EUR", "storeId": "tampere-koskikeskus"}
            """;

    @Autowired
    private MockMvcTester mvc;

    @MockitoBean
    private TouchpointPublisher publisher;

    @Test
    void validPurchaseIsAcceptedWithWhereKafkaStoredIt() {
        given(publisher.publish(any())).willReturn(new Stored("crm.touchpoints.pos", 7, 4242L));

        assertThat(post(PURCHASE))
                .hasStatus(HttpStatus.ACCEPTED)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .bodyJson().isStrictlyEqualTo("""
                        {"eventId": "pos-tampere-000123", "topic": "crm.touchpoints.pos", "partition": 7, "offset": 4242}
                        """);
    }

    @Test
    void acceptedTouchpointIsPublishedValidatedAndAttributedToTheHttpSource() {
        given(publisher.publish(any())).willReturn(new Stored("crm.touchpoints.pos", 0, 0L));

        assertThat(post(PURCHASE.replace("\"EUR\"", "\"eur\""))).hasStatus(HttpStatus.ACCEPTED);

        var published = ArgumentCaptor.forClass(TouchpointEvent.class);
        then(publisher).should().publish(published.capture());
        assertThat(published.getValue().getAmount()).isEqualTo(new BigDecimal("49.90"));
        assertThat(published.getValue().getCurrency()).isEqualTo("EUR");
        assertThat(published.getValue().getReceivedAt()).isEqualTo(NOW);
        assertThat(published.getValue().getSource()).isEqualTo("crm-team");
    }

    @Test
    void invalidTouchpointIsRefusedAsAProblemListingEveryFieldAndIsNotPublished() {
        MvcTestResult result = post(PURCHASE.replace("\"EUR\"", "\"EURO\"").replace("\"c-9001\"", "null")
                .replace("aino.virtanen@example.fi", "aino.virtanen(at)example.fi"));

        assertThat(result)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"type": "https://touchpointcrm.org/problems/invalid-touchpoint",
                 "title": "The touchpoint is invalid",
                 "status": 400}
                """);
        assertThat(result).bodyJson().extractingPath("$.detail").asString()
                .contains("customer.email", "currency 'EURO' is not an ISO 4217 currency code");
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactly("customer.email", "currency");
        assertThat(result).bodyJson().extractingPath("$.errors[1].reason").asString()
                .isEqualTo("'EURO' is not an ISO 4217 currency code such as EUR");
        then(publisher).should(never()).publish(any());
    }

    @Test
    void malformedJsonIsRefusedAsAnUnreadableBody() {
        MvcTestResult result = post("""
                {"eventId": "pos-tampere-000123", "occurredAt": "2026-11-23T09:15:30Z",
                """);

        assertThat(result)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"type": "https://touchpointcrm.org/problems/unreadable-body",
                 "title": "The request body is not a valid touchpoint document"}
                """);
        assertThat(result).bodyJson().extractingPath("$.errors").asArray().hasSize(1);
        assertThat(result).bodyJson().extractingPath("$.errors[0].reason").asString().isNotBlank();
        then(publisher).should(never()).publish(any());
    }

    @Test
    void malformedValueIsRefusedNamingTheFieldTheParserStoppedAt() {
        MvcTestResult result = post(PURCHASE.replace("\"EUR\"", "EUR"));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"type": "https://touchpointcrm.org/problems/unreadable-body", "errors": [{"field": "currency"}]}
                """);
        assertThat(result).bodyJson().extractingPath("$.errors[0].reason").asString().contains("'EUR'");
    }

    @Test
    void malformedValueInsideTheCustomerIsRefusedNamingItsPath() {
        MvcTestResult result = post(PURCHASE.replace("\"aino.virtanen@example.fi\"", "aino.virtanen@example.fi"));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").asString().isEqualTo("customer.email");
    }

    @Test
    void amountThatIsNoNumberIsRefusedNamingAmount() {
        MvcTestResult result = post(PURCHASE.replace("49.90", "\"abc\""));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"type": "https://touchpointcrm.org/problems/unreadable-body", "errors": [{"field": "amount"}]}
                """);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().startsWith("amount could not be read: ");
    }

    @Test
    void customerThatIsNoObjectIsRefusedNamingCustomer() {
        MvcTestResult result = post(PURCHASE.replaceFirst("\"customer\": \\{[^}]*}", "\"customer\": 5"));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"type": "https://touchpointcrm.org/problems/unreadable-body", "errors": [{"field": "customer"}]}
                """);
    }

    @Test
    void wrongTypeInsideTheCustomerIsRefusedNamingItsPath() {
        MvcTestResult result = post(PURCHASE.replace("\"c-9001\"", "[\"c-9001\"]"));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").asString().isEqualTo("customer.customerId");
    }

    @Test
    void emptyBodyIsRefusedAsAnUnreadableBody() {
        MvcTestResult result = post("");

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"type": "https://touchpointcrm.org/problems/unreadable-body", "errors": [{"field": "(body)"}]}
                """);
    }

    @Test
    void plainTextBodyIsRefusedAsAnUnsupportedMediaType() {
        MvcTestResult result = mvc.post().uri("/v1/touchpoints")
                .header(HttpHeaders.AUTHORIZATION, IngestWebTestConfiguration.bearer(IngestWebTestConfiguration.ALL_KEY))
                .contentType(MediaType.TEXT_PLAIN).content(PURCHASE).exchange();

        assertThat(result)
                .hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
        assertThat(result).bodyJson().extractingPath("$.status").asNumber().isEqualTo(415);
        then(publisher).should(never()).publish(any());
    }

    @Test
    void unavailableBrokerGives503WithRetryAfter() {
        given(publisher.publish(any())).willThrow(new BrokerUnavailableException(
                "the broker did not acknowledge event pos-tampere-000123 within PT5S",
                "keep the event and retry it with the same eventId", new TimeoutException()));

        MvcTestResult result = post(PURCHASE);

        assertThat(result)
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasHeader(HttpHeaders.RETRY_AFTER, "5")
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"type": "https://touchpointcrm.org/problems/broker-unavailable",
                 "title": "Kafka is not available",
                 "status": 503}
                """);
        assertThat(result).bodyJson().extractingPath("$.detail").asString()
                .contains("pos-tampere-000123", "retry it with the same eventId");
    }

    private MvcTestResult post(String json) {
        return mvc.post().uri("/v1/touchpoints")
                .header(HttpHeaders.AUTHORIZATION, IngestWebTestConfiguration.bearer(IngestWebTestConfiguration.ALL_KEY)).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }
}

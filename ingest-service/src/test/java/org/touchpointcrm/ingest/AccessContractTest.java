package org.touchpointcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.touchpointcrm.ingest.IngestWebTestConfiguration.ALL_KEY;
import static org.touchpointcrm.ingest.IngestWebTestConfiguration.SLOW_KEY;
import static org.touchpointcrm.ingest.IngestWebTestConfiguration.TILL_KEY;
import static org.touchpointcrm.ingest.IngestWebTestConfiguration.bearer;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.touchpointcrm.ingest.touchpoints.TouchpointBatchController;
import org.touchpointcrm.ingest.touchpoints.TouchpointController;
import org.touchpointcrm.ingest.touchpoints.TouchpointPublisher;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher.Stored;

import io.micrometer.core.instrument.MeterRegistry;

/** Who may write what: API keys, their channels and operations, and their rate. */
@WebMvcTest({TouchpointController.class, TouchpointBatchController.class})
@Import(IngestWebTestConfiguration.class)
class AccessContractTest {

    private static final String TILL_PURCHASE = """
            {"eventId": "pos-1", "occurredAt": "2026-11-23T10:00:00Z", "channel": "POS", "type": "PURCHASE",
             "customer": {"customerId": "c-1"}, "amount": 10.00, "currency": "EUR"}""";
    private static final String EMAIL_OPEN = """
            {"eventId": "mail-1", "occurredAt": "2026-11-23T10:00:00Z", "channel": "EMAIL", "type": "MESSAGE_OPENED",
             "customer": {"customerId": "c-1"}}""";
    private static final String TILL_CONSENT = """
            {"eventId": "consent-1", "occurredAt": "2026-11-23T10:00:00Z", "channel": "POS", "type": "CONSENT_GIVEN",
             "customer": {"customerId": "c-1"}, "consentPurpose": "marketing"}""";

    @Autowired
    private MockMvcTester mvc;
    @Autowired
    private MeterRegistry metrics;

    @MockitoBean
    private TouchpointPublisher publisher;

    @Test
    void aRequestWithoutKeyIsUnauthorizedAndSaysHowToSendOne() {
        MvcTestResult result = mvc.post().uri("/v1/touchpoints").contentType(MediaType.APPLICATION_JSON)
                .content(TILL_PURCHASE).exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("Authorization: Bearer KEY");
        then(publisher).should(never()).publishAll(any());
    }

    @Test
    void anUnknownKeyIsUnauthorizedAndNeverEchoed() {
        MvcTestResult result = post("/v1/touchpoints", "not-a-key-we-know", TILL_PURCHASE);

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(result).bodyText().doesNotContain("not-a-key-we-know").contains("not known");
    }

    @Test
    void theKeyMayAlsoComeInXApiKey() {
        given(publisher.publish(any())).willReturn(new Stored("crm.touchpoints.pos", 0, 1L));

        MvcTestResult result = mvc.post().uri("/v1/touchpoints").header("X-Api-Key", TILL_KEY)
                .contentType(MediaType.APPLICATION_JSON).content(TILL_PURCHASE).exchange();

        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
    }

    @Test
    void aTillKeyMayNotSendEmailTouchpoints() {
        MvcTestResult result = post("/v1/touchpoints", TILL_KEY, EMAIL_OPEN);

        assertThat(result).hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString()
                .contains("tampere-till").contains("EMAIL").contains("[POS]");
        then(publisher).should(never()).publish(any());
    }

    @Test
    void aTillKeyMayNotWriteConsentEvenOnItsOwnChannel() {
        MvcTestResult result = post("/v1/touchpoints", TILL_KEY, TILL_CONSENT);

        assertThat(result).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("consent");
    }

    @Test
    void aTillKeyMayNotWriteCustomerMasterData() {
        MvcTestResult result = mvc.put().uri("/v1/customers/c-1").header(HttpHeaders.AUTHORIZATION, bearer(TILL_KEY))
                .contentType(MediaType.APPLICATION_JSON).content("{}").exchange();

        assertThat(result).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("write customer master data");
    }

    @Test
    void theEventsSourceIsTheKeysName() {
        given(publisher.publish(any())).willReturn(new Stored("crm.touchpoints.pos", 0, 1L));

        assertThat(post("/v1/touchpoints", TILL_KEY, TILL_PURCHASE)).hasStatus(HttpStatus.ACCEPTED);

        assertThat(metrics.counter("crm.ingest.touchpoints.accepted", "source", "tampere-till", "channel", "POS",
                "type", "PURCHASE").count()).isEqualTo(1.0);
    }

    @Test
    void aRefusedTouchpointIsCountedByChannelTypeAndFieldButNeverBySenderText() {
        post("/v1/touchpoints", TILL_KEY, TILL_PURCHASE.replace("\"currency\": \"EUR\"", "\"currency\": \"XYZ\""));
        post("/v1/touchpoints", TILL_KEY, TILL_PURCHASE.replace("\"channel\": \"POS\"", "\"channel\": \"<script>\""));

        assertThat(metrics.counter("crm.ingest.touchpoints.rejected", "source", "tampere-till", "channel", "POS",
                "type", "PURCHASE", "field", "currency", "reason", "invalid").count()).isEqualTo(1.0);
        assertThat(metrics.counter("crm.ingest.touchpoints.rejected", "source", "tampere-till", "channel", "(invalid)",
                "type", "PURCHASE", "field", "channel", "reason", "invalid").count()).isEqualTo(1.0);
    }

    @Test
    void aKeyOverItsRateIsToldWhenToRetry() {
        given(publisher.publishAll(any())).willAnswer(call -> ((java.util.List<?>) call.getArgument(0)).stream()
                .map(e -> new Stored("crm.touchpoints.pos", 0, 1L)).toList());
        given(publisher.publish(any())).willReturn(new Stored("crm.touchpoints.pos", 0, 2L));
        String fullBatch = IntStream.range(0, 500)
                .mapToObj(i -> TILL_PURCHASE.replace("pos-1", "pos-" + i)).collect(Collectors.joining(",", "[", "]"));

        assertThat(post("/v1/touchpoints:batch", SLOW_KEY, fullBatch)).hasStatus(HttpStatus.ACCEPTED);
        MvcTestResult overRate = post("/v1/touchpoints", SLOW_KEY, TILL_PURCHASE);

        assertThat(overRate).hasStatus(HttpStatus.TOO_MANY_REQUESTS).hasHeader(HttpHeaders.RETRY_AFTER, "1");
        assertThat(overRate).bodyJson().extractingPath("$.detail").asString().contains("1 events per second");
        assertThat(post("/v1/touchpoints", ALL_KEY, TILL_PURCHASE.replace("pos-1", "pos-other")))
                .as("another key has its own bucket").hasStatus(HttpStatus.ACCEPTED);
    }

    private MvcTestResult post(String path, String key, String json) {
        return mvc.post().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(key))
                .contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }
}

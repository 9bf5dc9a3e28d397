package org.touchpointcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.touchpointcrm.ingest.IngestWebTestConfiguration.ALL_KEY;
import static org.touchpointcrm.ingest.IngestWebTestConfiguration.TILL_KEY;
import static org.touchpointcrm.ingest.IngestWebTestConfiguration.bearer;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.ingest.touchpoints.BatchReader;
import org.touchpointcrm.ingest.publishing.BrokerUnavailableException;
import org.touchpointcrm.ingest.touchpoints.TouchpointBatchController;
import org.touchpointcrm.ingest.touchpoints.TouchpointPublisher;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher.Stored;

/** {@code POST /v1/touchpoints:batch}: accepted item by item, within its limits. */
@WebMvcTest(TouchpointBatchController.class)
@Import(IngestWebTestConfiguration.class)
class BatchContractTest {

    private static final String NDJSON = "application/x-ndjson";

    @Autowired
    private MockMvcTester mvc;

    @MockitoBean
    private TouchpointPublisher publisher;

    @BeforeEach
    void brokerStoresWhatItIsGiven() {
        given(publisher.publishAll(any())).willAnswer(call -> ((List<?>) call.getArgument(0)).stream()
                .map(e -> new Stored("crm.touchpoints.pos", 0, 1L)).toList());
    }

    @Test
    void validItemsAreStoredAndInvalidOnesListedWithTheirIndexAndReasons() {
        String batch = "[" + visit("v-0") + "," + """
                {"eventId": "bad-1", "occurredAt": "2026-11-23T10:00:00Z", "channel": "POS", "type": "PURCHASE",
                 "customer": {"customerId": "c-1"}, "amount": 5.00}""" + "," + visit("v-2") + "]";

        MvcTestResult result = post(MediaType.APPLICATION_JSON_VALUE, batch, ALL_KEY);

        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"received": 3, "accepted": 2,
                 "rejected": [{"index": 1, "eventId": "bad-1", "errors": [{"field": "currency"}]}]}""");
        assertThat(publishedIds()).containsExactly("v-0", "v-2");
    }

    @Test
    void ndjsonIsReadLineByLineAndABrokenLineIsOneRejectedItem() {
        String batch = visit("v-0") + "\n\n{not json\n" + visit("v-2") + "\n";

        MvcTestResult result = post(NDJSON, batch, ALL_KEY);

        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"received": 3, "accepted": 2, "rejected": [{"index": 1, "errors": [{"field": "(item)"}]}]}""");
        assertThat(publishedIds()).containsExactly("v-0", "v-2");
    }

    @Test
    void anItemOfTheWrongJsonTypeIsRejectedAloneNamingTheField() {
        String batch = "[" + visit("v-0") + ", {\"eventId\": \"x\", \"customer\": 5}, 42]";

        MvcTestResult result = post(MediaType.APPLICATION_JSON_VALUE, batch, ALL_KEY);

        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"received": 3, "accepted": 1, "rejected": [
                  {"index": 1, "errors": [{"field": "customer"}]},
                  {"index": 2, "errors": [{"field": "(item)"}]}]}""");
    }

    @Test
    void itemsOfAChannelTheKeyMayNotWriteAreRejectedOneByOne() {
        String emailOpen = """
                {"eventId": "mail-1", "occurredAt": "2026-11-23T10:00:00Z", "channel": "EMAIL",
                 "type": "MESSAGE_OPENED", "customer": {"customerId": "c-1"}}""";
        String tillPurchase = """
                {"eventId": "pos-1", "occurredAt": "2026-11-23T10:00:00Z", "channel": "POS", "type": "PURCHASE",
                 "customer": {"customerId": "c-1"}, "amount": 1.00, "currency": "EUR"}""";

        MvcTestResult result = post(MediaType.APPLICATION_JSON_VALUE, "[" + emailOpen + "," + tillPurchase + "]", TILL_KEY);

        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"accepted": 1, "rejected": [{"index": 0, "eventId": "mail-1", "errors": [{"field": "channel"}]}]}""");
        assertThat(publishedIds()).containsExactly("pos-1");
    }

    @Test
    void aBatchWithNothingValidIsABadRequestListingEveryItem() {
        MvcTestResult result = post(MediaType.APPLICATION_JSON_VALUE, "[{\"eventId\": \"a\"}, {\"eventId\": \"b\"}]", ALL_KEY);

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"received": 2, "accepted": 0, "rejected": [{"index": 0, "eventId": "a"}, {"index": 1, "eventId": "b"}]}""");
        then(publisher).should(never()).publishAll(any());
    }

    @Test
    void moreThanFiveHundredItemsIsTooLargeAndNothingIsWritten() {
        String batch = IntStream.rangeClosed(0, BatchReader.MAX_ITEMS).mapToObj(i -> visit("v-" + i))
                .collect(Collectors.joining(",", "[", "]"));

        MvcTestResult result = post(MediaType.APPLICATION_JSON_VALUE, batch, ALL_KEY);

        assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("at most 500");
        then(publisher).should(never()).publishAll(any());
    }

    @Test
    void moreThanOneMebibyteIsTooLargeAndNothingIsWritten() {
        String padding = "x".repeat(3000);
        String batch = IntStream.range(0, 400).mapToObj(i -> visit("v-" + i).replace("}}", "},\"attributes\":{\"note\":\"" + padding + "\"}}"))
                .collect(Collectors.joining("\n"));

        MvcTestResult result = post(NDJSON, batch, ALL_KEY);

        assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("1048576 bytes");
        then(publisher).should(never()).publishAll(any());
    }

    @Test
    void aBodyThatIsNoArrayIsRefusedAsAWhole() {
        MvcTestResult result = post(MediaType.APPLICATION_JSON_VALUE, visit("v-0"), ALL_KEY);

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("array of touchpoints");
    }

    @Test
    void anotherContentTypeIsUnsupported() {
        assertThat(post(MediaType.TEXT_PLAIN_VALUE, "[]", ALL_KEY)).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aBrokerThatDoesNotAcknowledgeMakesTheWholeBatchRetryable() {
        willThrow(new BrokerUnavailableException("no ack", "retry the whole batch with the same eventIds", null)).given(publisher).publishAll(any());

        MvcTestResult result = post(MediaType.APPLICATION_JSON_VALUE, "[" + visit("v-0") + "]", ALL_KEY);

        assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasHeader(HttpHeaders.RETRY_AFTER, "5");
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("retry the whole batch with the same eventIds");
    }

    private List<String> publishedIds() {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<TouchpointEvent>> sent = ArgumentCaptor.forClass(List.class);
        then(publisher).should().publishAll(sent.capture());
        return sent.getValue().stream().map(TouchpointEvent::getEventId).toList();
    }

    private MvcTestResult post(String contentType, String body, String key) {
        return mvc.post().uri("/v1/touchpoints:batch").header(HttpHeaders.AUTHORIZATION, bearer(key))
                .contentType(contentType).content(body).exchange();
    }

    private static String visit(String eventId) {
        return """
                {"eventId": "%s", "occurredAt": "2026-11-23T10:00:00Z", "channel": "WEB", "type": "WEB_VISIT", "customer": {"customerId": "c-1"}}"""
                .formatted(eventId);
    }
}

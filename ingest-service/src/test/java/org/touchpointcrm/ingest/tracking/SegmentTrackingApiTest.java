package org.touchpointcrm.ingest.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.ingest.IngestWebTestConfiguration;
import org.touchpointcrm.ingest.customers.CustomerPublisher;
import org.touchpointcrm.ingest.customers.CustomerValidator;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher.Stored;
import org.touchpointcrm.ingest.touchpoints.TouchpointPublisher;

/** Segment's limits and answers on the tracking API, and what an identify writes; Kafka is a mock. */
@WebMvcTest(SegmentController.class)
@Import({IngestWebTestConfiguration.class, CustomerValidator.class})
class SegmentTrackingApiTest {

    private static final String WRITE_KEY = "Basic " + Base64.getEncoder()
            .encodeToString((IngestWebTestConfiguration.ALL_KEY + ":").getBytes(StandardCharsets.UTF_8));
    private static final String TRACK = """
            {"type": "track", "messageId": "m-1", "userId": "c-9001", "event": "Product Viewed",
             "timestamp": "2026-11-23T10:00:00Z", "properties": {"note": "%s"}}""";

    @Autowired
    private MockMvcTester mvc;

    @MockitoBean
    private TouchpointPublisher touchpoints;
    @MockitoBean
    private CustomerPublisher register;

    @Test
    void aCallIsAnsweredAsSegmentAnswersOnceStored() {
        given(touchpoints.publish(any())).willReturn(new Stored("crm.touchpoints.web", 0, 1L));

        assertThat(post("/v1/track", TRACK.formatted("x"))).hasStatus(HttpStatus.OK)
                .bodyJson().isStrictlyEqualTo("{\"success\": true}");
        then(touchpoints).should().publish(any());
    }

    @Test
    void theWriteKeyInTheBodyAsSegmentsServerSdksSendItIsTheApiKey() {
        given(touchpoints.publishAll(any())).willReturn(List.of(new Stored("crm.touchpoints.web", 0, 1L)));
        String batch = "{\"writeKey\": \"%s\", \"batch\": [" + TRACK.formatted("x") + "]}";

        assertThat(mvc.post().uri("/v1/import/").contentType(MediaType.APPLICATION_JSON)
                .content(batch.formatted(IngestWebTestConfiguration.ALL_KEY)).exchange()).hasStatus(HttpStatus.OK);
        assertThat(mvc.post().uri("/v1/import/").contentType(MediaType.APPLICATION_JSON)
                .content(batch.formatted("guessed-key")).exchange()).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aCallOver32KilobytesIsRefusedWith400AndNotStored() {
        MvcTestResult result = post("/v1/track", TRACK.formatted("x".repeat(SegmentController.MAX_CALL_BYTES)));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.errors[0].reason").asString().contains("32 KB");
        then(touchpoints).should(never()).publish(any());
    }

    @Test
    void aBatchOver500KilobytesIsRefusedWith400() {
        String call = TRACK.formatted("x".repeat(20_000));
        String batch = "{\"batch\": [" + String.join(",", java.util.Collections.nCopies(26, call)) + "]}";

        MvcTestResult result = post("/v1/batch", batch);

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.errors[0].reason").asString().contains("500 KB");
        then(touchpoints).should(never()).publishAll(any());
    }

    @Test
    void aBatchStoresItsValidCallsAndListsEveryOtherWithItsReason() {
        given(touchpoints.publishAll(any())).willReturn(List.of(new Stored("crm.touchpoints.web", 0, 1L)));
        String withoutName = TRACK.formatted("x").replace("\"event\": \"Product Viewed\",", "").replace("m-1", "m-2");
        String tooLarge = TRACK.formatted("x".repeat(SegmentController.MAX_CALL_BYTES)).replace("m-1", "m-3");

        MvcTestResult result = post("/v1/import/", "{\"batch\": [" + TRACK.formatted("x") + "," + withoutName + ","
                + tooLarge + "]}");

        assertThat(result).hasStatus(HttpStatus.OK);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"success": true, "received": 3, "accepted": 1,
                 "rejected": [{"index": 1, "eventId": "m-2", "errors": [{"field": "event"}]},
                              {"index": 2, "eventId": "m-3", "errors": [{"field": "(call)"}]}]}""");
    }

    @Test
    void identifyTraitsBecomeMasterDataForAKeyThatMayWriteTheRegister() {
        given(touchpoints.publish(any())).willReturn(new Stored("crm.touchpoints.web", 0, 1L));

        assertThat(post("/v1/identify", """
                {"messageId": "m-9", "userId": "c-9001", "anonymousId": "a-1",
                 "traits": {"firstName": "Aino", "lastName": "Virtanen", "email": "Aino@Example.FI",
                            "address": {"city": "Tampere", "country": "FI"}}}""")).hasStatus(HttpStatus.OK);

        var record = ArgumentCaptor.forClass(CustomerRecord.class);
        then(register).should().upsert(record.capture());
        assertThat(record.getValue().getCustomerId()).isEqualTo("c-9001");
        assertThat(record.getValue().getLastName()).isEqualTo("Virtanen");
        assertThat(record.getValue().getEmail()).isEqualTo("Aino@example.fi");
        var event = ArgumentCaptor.forClass(TouchpointEvent.class);
        then(touchpoints).should().publish(event.capture());
        assertThat(event.getValue().getCustomer().getAnonymousId()).isEqualTo("a-1");
        assertThat(event.getValue().getCustomer().getEmail()).isEqualTo("Aino@example.fi");
    }

    @Test
    void aCallWithoutUserIdOrAnonymousIdIsRefusedNamingBoth() {
        MvcTestResult result = post("/v1/page", "{\"messageId\": \"m-1\", \"name\": \"Home\"}");

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").asString().isEqualTo("userId");
    }

    private MvcTestResult post(String path, String body) {
        return mvc.post().uri(path).header("Authorization", WRITE_KEY).contentType(MediaType.APPLICATION_JSON)
                .content(body).exchange();
    }
}

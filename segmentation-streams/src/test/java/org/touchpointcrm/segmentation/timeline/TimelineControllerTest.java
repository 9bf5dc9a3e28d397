package org.touchpointcrm.segmentation.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.CustomerProfiles;
import org.touchpointcrm.schemas.fixtures.Touchpoints;
import org.touchpointcrm.segmentation.SegmentationProblems;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.query.MergedCustomers;
import org.touchpointcrm.segmentation.query.PeerInstances;
import org.touchpointcrm.segmentation.query.StoreQueries;
import org.touchpointcrm.segmentation.query.StoreUnavailableException;

import tools.jackson.databind.json.JsonMapper;

/** The REST contract of the timeline (the console builds against it), over stores that answer from memory. */
class TimelineControllerTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final HostInfo HERE = new HostInfo("localhost", 8082);
    private static final HostInfo THERE = new HostInfo("segmentation-2", 8082);

    private final StoreQueries stores = mock(StoreQueries.class);
    private final PeerInstances peers = mock(PeerInstances.class);
    @SuppressWarnings("unchecked")
    private final ReadOnlyKeyValueStore<String, CustomerProfile> profiles = mock(ReadOnlyKeyValueStore.class);
    @SuppressWarnings("unchecked")
    private final ReadOnlyKeyValueStore<String, CustomerTimeline> timelines = mock(ReadOnlyKeyValueStore.class);
    private final MockMvcTester mvc = MockMvcTester.of(List.of(new TimelineController(stores, peers,
                    new MergedCustomers(stores, peers, JsonMapper.shared()))),
            standalone -> standalone.setControllerAdvice(new SegmentationProblems()).build());

    @BeforeEach
    void ownedHere() {
        given(stores.owner(eq(Timeline.STORE), anyString(), anyString())).willReturn(new StoreQueries.Owner(HERE, 3, true));
        given(stores.owner(eq(UpdateProfile.STORE), anyString(), anyString())).willReturn(new StoreQueries.Owner(HERE, 3, true));
        given(stores.<CustomerProfile>localStore(eq(UpdateProfile.STORE), eq(3), anyString())).willReturn(profiles);
        given(stores.<CustomerTimeline>localStore(eq(Timeline.STORE), eq(3), anyString())).willReturn(timelines);
        given(profiles.get("c-1")).willReturn(CustomerProfiles.empty("c-1", NOW));
    }

    @Test
    void theAnswerHasTheAgreedShapeNewestFirst() {
        var timelineOf = new CustomerTimelines(TimelineSettings.DEFAULTS);
        var sent = Touchpoints.event("c-1", Channel.EMAIL, TouchpointType.MESSAGE_SENT, NOW)
                .setEventId("e-2").setAttributes(Map.of(CustomerTimelines.CAMPAIGN_ATTRIBUTE, "win-back-lapsing")).build();
        var purchase = TouchpointEvent.newBuilder(Touchpoints.purchase("c-1", "12.50", Instant.parse("2026-12-01T08:00:00Z")))
                .setEventId("e-1").build();
        given(timelines.get("c-1")).willReturn(timelineOf.add(timelineOf.add(null, purchase, NOW), sent, NOW));

        MvcTestResult result = mvc.get().uri("/v1/customers/c-1/timeline?limit=1").exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().isStrictlyEqualTo("""
                {"customerId": "c-1", "entries": [
                  {"at": "2026-12-07T10:00:00Z", "eventId": "e-2", "channel": "EMAIL", "type": "MESSAGE_SENT",
                   "store": null, "amount": null, "currency": null, "text": null, "rating": null,
                   "campaignId": "win-back-lapsing", "outcome": "SENT"}],
                 "next": "2026-12-07T10:00:00Z"}""");
        MvcTestResult second = mvc.get().uri("/v1/customers/c-1/timeline?limit=1&before=2026-12-07T10:00:00Z").exchange();
        assertThat(second).bodyJson().isLenientlyEqualTo("""
                {"entries": [{"eventId": "e-1", "channel": "POS", "type": "PURCHASE", "store": "tampere-koskikeskus",
                  "amount": 12.50, "currency": "EUR", "outcome": null}], "next": null}""");
    }

    @Test
    void aCustomerWithoutAProfileIsNotFound() {
        MvcTestResult result = mvc.get().uri("/v1/customers/c-404/timeline").exchange();

        assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aBadLimitOrBeforeIsRefusedByNameBeforeAnyStoreIsRead() {
        MvcTestResult limit = mvc.get().uri("/v1/customers/c-1/timeline?limit=201").exchange();
        MvcTestResult before = mvc.get().uri("/v1/customers/c-1/timeline?before=" + "x".repeat(300)).exchange();

        assertThat(limit).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(limit).bodyJson().extractingPath("$.errors[0].parameter").asString().isEqualTo("limit");
        assertThat(before).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(before).bodyJson().extractingPath("$.errors[0].parameter").asString().isEqualTo("before");
        assertThat(before).bodyJson().extractingPath("$.detail").asString().hasSizeLessThan(200);
        verifyNoInteractions(stores);
    }

    @Test
    void aCustomerOfAnotherInstanceIsAskedOfItsOwnerWithThePage() {
        given(stores.owner(eq(Timeline.STORE), eq("c-9"), anyString())).willReturn(new StoreQueries.Owner(THERE, 5, false));
        given(stores.owner(eq(UpdateProfile.STORE), eq("c-9"), anyString())).willReturn(new StoreQueries.Owner(THERE, 5, false));
        given(peers.ask(eq(THERE), any(), anyString())).willReturn(ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON).body("{\"customerId\":\"c-9\"}"));
        given(peers.relay(eq(THERE), any(), eq(false), anyString())).willReturn(ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON).body("{\"customerId\":\"c-9\",\"entries\":[],\"next\":null}"));

        MvcTestResult result = mvc.get().uri("/v1/customers/c-9/timeline?before=2026-12-07T10:00:00Z&limit=7").exchange();

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.customerId").isEqualTo("c-9");
        verify(peers).relay(THERE, URI.create("http://segmentation-2:8082/v1/customers/c-9/timeline?limit=7"
                + "&before=2026-12-07T10:00:00Z"), false, TimelineController.UNAVAILABLE);
    }

    @Test
    void whileNoInstanceOwnsTheCustomerTheAnswerIs503WithRetryAfter() {
        given(stores.owner(eq(Timeline.STORE), eq("c-7"), anyString()))
                .willThrow(new StoreUnavailableException(TimelineController.UNAVAILABLE, "rebalancing"));
        given(stores.owner(eq(UpdateProfile.STORE), eq("c-7"), anyString()))
                .willThrow(new StoreUnavailableException(TimelineController.UNAVAILABLE, "rebalancing"));

        MvcTestResult result = mvc.get().uri("/v1/customers/c-7/timeline").exchange();

        assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasHeader(HttpHeaders.RETRY_AFTER, "1");
    }
}

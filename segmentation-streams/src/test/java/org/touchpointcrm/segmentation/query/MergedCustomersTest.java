package org.touchpointcrm.segmentation.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.client.RestClient;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.schemas.CustomerProfiles;
import org.touchpointcrm.segmentation.SegmentationProblems;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.access.SegmentationAccessProperties;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.segmentation.sweep.ProfileAsOf;
import org.touchpointcrm.segmentation.timeline.Timeline;
import org.touchpointcrm.segmentation.timeline.TimelineController;

import tools.jackson.databind.json.JsonMapper;

/**
 * Queries for an id that leads elsewhere (a linked reference, a retired profile) answer the survivor, over
 * hand-filled stores: this instance's from memory, another instance's through its forwarded answers.
 */
class MergedCustomersTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final HostInfo HERE = new HostInfo("localhost", 8082);
    private static final HostInfo THERE = new HostInfo("segmentation-2", 8082);

    private final StoreQueries stores = mock(StoreQueries.class);
    private final RestClient.Builder http = RestClient.builder();
    private final MockRestServiceServer there = MockRestServiceServer.bindTo(http).build();
    private final PeerInstances peers = new PeerInstances(http, new SegmentationAccessProperties(List.of(), "instance-key"));
    private final MergedCustomers customers = new MergedCustomers(stores, peers, JsonMapper.shared());
    @SuppressWarnings("unchecked")
    private final ReadOnlyKeyValueStore<String, CustomerProfile> profiles = mock(ReadOnlyKeyValueStore.class);
    @SuppressWarnings("unchecked")
    private final ReadOnlyKeyValueStore<String, String> links = mock(ReadOnlyKeyValueStore.class);
    @SuppressWarnings("unchecked")
    private final ReadOnlyKeyValueStore<String, CustomerTimeline> timelines = mock(ReadOnlyKeyValueStore.class);
    private final ProfileAsOf asOf = new ProfileAsOf(SegmentationProperties.defaults(), SegmentEvaluator.builtIn(),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final MockMvcTester mvc = MockMvcTester.of(List.of(new ProfileQueryController(customers, asOf),
                    new TimelineController(stores, peers, customers)),
            standalone -> standalone.setControllerAdvice(new SegmentationProblems()).build());

    @BeforeEach
    void everythingHereUnlessATestSaysOtherwise() {
        given(stores.hasStore(MergedCustomers.LINKS_STORE)).willReturn(true);
        for (String store : List.of(UpdateProfile.STORE, MergedCustomers.LINKS_STORE, Timeline.STORE)) {
            given(stores.owner(eq(store), anyString(), anyString())).willReturn(new StoreQueries.Owner(HERE, 3, true));
        }
        given(stores.<CustomerProfile>localStore(eq(UpdateProfile.STORE), eq(3), anyString())).willReturn(profiles);
        given(stores.<String>localStore(eq(MergedCustomers.LINKS_STORE), eq(3), anyString())).willReturn(links);
        given(stores.<CustomerTimeline>localStore(eq(Timeline.STORE), eq(3), anyString())).willReturn(timelines);
        live("c-1");
    }

    private void live(String id) {
        given(profiles.get(id)).willReturn(CustomerProfiles.empty(id, NOW));
    }

    private void retired(String id, String into) {
        CustomerProfile stub = CustomerProfiles.empty(id, NOW);
        stub.setMergedInto(into);
        given(profiles.get(id)).willReturn(stub);
    }

    private void elsewhere(String store, String id) {
        given(stores.owner(eq(store), eq(id), anyString())).willReturn(new StoreQueries.Owner(THERE, 5, false));
    }

    @Test
    void aCustomersOwnProfileIsAnsweredWithoutContentLocation() {
        MvcTestResult result = mvc.get().uri("/v1/customers/c-1/profile").exchange();

        assertThat(result).hasStatusOk().doesNotContainHeader(HttpHeaders.CONTENT_LOCATION);
        assertThat(result).bodyJson().extractingPath("$.customerId").isEqualTo("c-1");
    }

    @Test
    void aReferenceWithoutAProfileAnswersTheCustomerItIsLinkedTo() {
        given(links.get("email:aino@example.fi")).willReturn("c-1");

        MvcTestResult result = mvc.get().uri("/v1/customers/email:aino@example.fi/profile").exchange();

        assertThat(result).hasStatusOk().hasHeader(HttpHeaders.CONTENT_LOCATION, "/v1/customers/c-1/profile");
        assertThat(result).bodyJson().extractingPath("$.customerId").isEqualTo("c-1");
    }

    @Test
    void aRetiredProfileLeadsAlongMergedIntoToTheSurvivor() {
        retired("anon:v-1", "email:aino@example.fi");
        retired("email:aino@example.fi", "c-1");

        MvcTestResult result = mvc.get().uri("/v1/customers/anon:v-1/profile").exchange();

        assertThat(result).hasStatusOk().hasHeader(HttpHeaders.CONTENT_LOCATION, "/v1/customers/c-1/profile");
        assertThat(result).bodyJson().extractingPath("$.customerId").isEqualTo("c-1");
        assertThat(result).bodyJson().extractingPath("$.mergedInto").isNull();
    }

    @Test
    void aChainLongerThanFiveMergesIsNotFollowedAndSaysToRetry() {
        for (int i = 0; i < 6; i++) {
            retired("anon:v-" + i, "anon:v-" + (i + 1));
        }
        retired("anon:v-6", "c-1");

        MvcTestResult result = mvc.get().uri("/v1/customers/anon:v-0/profile").exchange();

        assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasHeader(HttpHeaders.RETRY_AFTER, "1");
        assertThat(mvc.get().uri("/v1/customers/anon:v-1/profile").exchange()).as("six merges")
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(mvc.get().uri("/v1/customers/anon:v-2/profile").exchange())
                .as("five merges are followed").hasStatusOk();
    }

    @Test
    void anIdNobodyKnowsIsNotFound() {
        MvcTestResult result = mvc.get().uri("/v1/customers/email:nobody@example.fi/profile").exchange();

        assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aSurvivorOnAnotherInstanceIsReadThereAndAnsweredWithItsPath() {
        given(links.get("email:aino@example.fi")).willReturn("c-9");
        elsewhere(UpdateProfile.STORE, "c-9");
        there.expect(requestTo(URI.create("http://segmentation-2:8082/v1/customers/c-9/profile")))
                .andExpect(header(StoreQueries.FORWARDED_HEADER, "true"))
                .andRespond(withSuccess("{\"customerId\":\"c-9\",\"mergedInto\":null}", MediaType.APPLICATION_JSON));

        MvcTestResult result = mvc.get().uri("/v1/customers/email:aino@example.fi/profile").exchange();

        assertThat(result).hasStatusOk().hasHeader(HttpHeaders.CONTENT_LOCATION, "/v1/customers/c-9/profile");
        assertThat(result).bodyJson().extractingPath("$.customerId").isEqualTo("c-9");
        there.verify();
    }

    @Test
    void aRetiredProfileOnAnotherInstanceSaysWhereItLeadsAndTheWalkGoesOnHere() {
        elsewhere(UpdateProfile.STORE, "anon:v-1");
        elsewhere(MergedCustomers.LINKS_STORE, "anon:v-1");
        there.expect(requestTo(URI.create("http://segmentation-2:8082/v1/customers/anon%3Av-1/profile")))
                .andExpect(header(StoreQueries.FORWARDED_HEADER, "true"))
                .andRespond(withStatus(HttpStatus.TEMPORARY_REDIRECT).header(HttpHeaders.LOCATION, "/v1/customers/c-1/profile"));

        MvcTestResult result = mvc.get().uri("/v1/customers/anon:v-1/profile").exchange();

        assertThat(result).hasStatusOk().hasHeader(HttpHeaders.CONTENT_LOCATION, "/v1/customers/c-1/profile");
        there.verify();
    }

    @Test
    void aForwardedQueryAnswersFromThisInstancesStoresOnly() {
        retired("anon:v-1", "c-1");
        given(links.get("email:aino@example.fi")).willReturn("c-1");

        assertThat(forwarded("/v1/customers/anon:v-1/profile")).hasStatus(HttpStatus.TEMPORARY_REDIRECT)
                .hasHeader(HttpHeaders.LOCATION, "/v1/customers/c-1/profile");
        assertThat(forwarded("/v1/customers/email:aino@example.fi/profile")).hasStatus(HttpStatus.TEMPORARY_REDIRECT)
                .hasHeader(HttpHeaders.LOCATION, "/v1/customers/c-1/profile");
        assertThat(forwarded("/v1/customers/c-1/profile")).hasStatusOk();
        assertThat(forwarded("/v1/customers/c-404/profile")).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void theTimelineOfALinkedReferenceIsTheSurvivorsWithItsPath() {
        given(links.get("card:42")).willReturn("c-1");

        MvcTestResult result = mvc.get().uri("/v1/customers/card:42/timeline").exchange();

        assertThat(result).hasStatusOk().hasHeader(HttpHeaders.CONTENT_LOCATION, "/v1/customers/c-1/timeline");
        assertThat(result).bodyJson().extractingPath("$.customerId").isEqualTo("c-1");
    }

    @Test
    void withoutTheIdentityStageOnlyOwnProfilesAreAnswered() {
        given(stores.hasStore(MergedCustomers.LINKS_STORE)).willReturn(false);
        given(links.get("email:aino@example.fi")).willReturn("c-1");

        assertThat(mvc.get().uri("/v1/customers/email:aino@example.fi/profile").exchange())
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri("/v1/customers/c-1/profile").exchange()).hasStatusOk();
    }

    private MvcTestResult forwarded(String uri) {
        return mvc.get().uri(uri).header(StoreQueries.FORWARDED_HEADER, "true").exchange();
    }
}

package org.touchpointcrm.access.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withServerError;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

class ProfileQueryClientTest {

    private static final URI SEGMENTATION = URI.create("http://segmentation.test:8081");
    private static final String PROFILE_URL = SEGMENTATION + "/v1/customers/c-9001/profile";
    private static final String SERVICE_KEY = "test-key-ingest-service";
    private static final String KEY_SETTING = "crm.ingest.profile-query-api-key";

    private final RestClient.Builder builder = RestClient.builder();
    private final MockRestServiceServer segmentation = MockRestServiceServer.bindTo(builder).build();
    private final ProfileQueryClient client = new ProfileQueryClient(builder, SEGMENTATION, SERVICE_KEY, KEY_SETTING);

    @Test
    void profileIsReturnedAsTheProfileQueryWroteIt() {
        segmentation.expect(requestTo(PROFILE_URL)).andExpect(header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE))
                .andExpect(header(HttpHeaders.AUTHORIZATION, "Bearer " + SERVICE_KEY))
                .andRespond(withSuccess("{\"customerId\":\"c-9001\",\"version\":3}", MediaType.APPLICATION_JSON));

        assertThat(client.profile("c-9001", String.class)).contains("{\"customerId\":\"c-9001\",\"version\":3}");
    }

    /** A caller reads the fields it needs, e.g. the notifier its consents. */
    record Consents(Map<String, Map<String, Object>> consents) {
    }

    @Test
    void profileIsReadAsTheCallersType() {
        segmentation.expect(requestTo(PROFILE_URL)).andRespond(withSuccess(
                "{\"customerId\":\"c-9001\",\"consents\":{\"EMAIL/marketing\":{\"granted\":true}}}",
                MediaType.APPLICATION_JSON));

        assertThat(client.profile("c-9001", Consents.class)).get()
                .extracting(c -> c.consents().get("EMAIL/marketing").get("granted")).isEqualTo(true);
    }

    @Test
    void unknownCustomerIsNoProfile() {
        segmentation.expect(requestTo(PROFILE_URL)).andRespond(withStatus(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body("{\"status\":404,\"title\":\"Unknown customer\",\"detail\":\"no touchpoint of customer c-9001 has been processed\"}"));

        assertThat(client.profile("c-9001", String.class)).isEmpty();
    }

    @Test
    void rebalancingProfileQueryIsUnavailableWithItsRetryAfter() {
        segmentation.expect(requestTo(PROFILE_URL)).andRespond(withStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1").contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body("{\"status\":503,\"detail\":\"no instance owns customer c-9001 at the moment (rebalancing)\"}"));

        ProfileQueryUnavailableException e = catchThrowableOfType(ProfileQueryUnavailableException.class,
                () -> client.profile("c-9001", String.class));

        assertThat(e.getMessage()).isEqualTo(
                "the profile query answered 503: no instance owns customer c-9001 at the moment (rebalancing)");
        assertThat(e.retryAfter()).contains("1");
    }

    @Test
    void serverErrorWithoutProblemDocumentIsUnavailableNamingTheStatus() {
        segmentation.expect(requestTo(PROFILE_URL)).andRespond(withServerError().body("boom"));

        ProfileQueryUnavailableException e = catchThrowableOfType(ProfileQueryUnavailableException.class,
                () -> client.profile("c-9001", String.class));

        assertThat(e.getMessage()).isEqualTo("the profile query answered 500: status 500");
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void aRefusedServiceKeyIsUnavailableNamingTheSettingNotTheAddress() {
        segmentation.expect(requestTo(PROFILE_URL)).andRespond(withStatus(HttpStatus.UNAUTHORIZED));

        ProfileQueryUnavailableException e = catchThrowableOfType(ProfileQueryUnavailableException.class,
                () -> client.profile("c-9001", String.class));

        assertThat(e.getMessage()).isEqualTo("the profile query refused this service's own key (401); the operators must"
                + " check crm.ingest.profile-query-api-key and its digest in segmentation-streams");
        assertThat(e.getMessage()).doesNotContain("segmentation.test");
    }

    @Test
    void unreachableProfileQueryIsUnavailableWithoutNamingItsAddress() {
        var nobody = URI.create("http://127.0.0.1:1");
        var unreachable = new ProfileQueryClient(RestClient.builder(), nobody, SERVICE_KEY, KEY_SETTING);

        ProfileQueryUnavailableException e = catchThrowableOfType(ProfileQueryUnavailableException.class,
                () -> unreachable.profile("c-9001", String.class));

        assertThat(e.getMessage()).contains("the profile query is not reachable", "segmentation-streams may be starting")
                .doesNotContain("127.0.0.1");
    }
}

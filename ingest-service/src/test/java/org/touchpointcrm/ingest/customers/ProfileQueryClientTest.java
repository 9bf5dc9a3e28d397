package org.touchpointcrm.ingest.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withServerError;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;
import org.touchpointcrm.schemas.Topics;

class ProfileQueryClientTest {

    private static final URI SEGMENTATION = URI.create("http://segmentation.test:8081");
    private static final String PROFILE_URL = SEGMENTATION + "/v1/customers/c-9001/profile";
    private static final String SERVICE_KEY = "test-key-ingest-service";

    private final RestClient.Builder builder = RestClient.builder();
    private final MockRestServiceServer segmentation = MockRestServiceServer.bindTo(builder).build();
    private final ProfileQueryClient client = new ProfileQueryClient(builder, new ProfileQueryProperties(SEGMENTATION, SERVICE_KEY));

    @Test
    void profileIsReturnedAsTheProfileQueryWroteIt() {
        segmentation.expect(requestTo(PROFILE_URL)).andExpect(header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE))
                .andExpect(header(HttpHeaders.AUTHORIZATION, "Bearer " + SERVICE_KEY))
                .andRespond(withSuccess("{\"customerId\":\"c-9001\",\"version\":3}", MediaType.APPLICATION_JSON));

        assertThat(client.profile("c-9001")).isEqualTo("{\"customerId\":\"c-9001\",\"version\":3}");
    }

    @Test
    void unknownCustomerCarriesTheProfileQuerysDetailAndSaysWhenMasterDataShows() {
        segmentation.expect(requestTo(PROFILE_URL)).andRespond(withStatus(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body("{\"status\":404,\"title\":\"Unknown customer\",\"detail\":\"no touchpoint of customer c-9001 has been processed\"}"));

        UnknownCustomerException e = catchThrowableOfType(UnknownCustomerException.class, () -> client.profile("c-9001"));

        assertThat(e.getMessage()).contains("customer c-9001 has no profile",
                "no touchpoint of customer c-9001 has been processed", "once segmentation-streams joins " + Topics.CUSTOMERS.name());
    }

    @Test
    void rebalancingProfileQueryIsUnavailableWithItsRetryAfter() {
        segmentation.expect(requestTo(PROFILE_URL)).andRespond(withStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1").contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body("{\"status\":503,\"detail\":\"no instance owns customer c-9001 at the moment (rebalancing)\"}"));

        ProfileQueryUnavailableException e = catchThrowableOfType(ProfileQueryUnavailableException.class,
                () -> client.profile("c-9001"));

        assertThat(e.getMessage()).isEqualTo(
                "the profile query answered 503: no instance owns customer c-9001 at the moment (rebalancing)");
        assertThat(e.retryAfter()).contains("1");
    }

    @Test
    void serverErrorWithoutProblemDocumentIsUnavailableNamingTheStatus() {
        segmentation.expect(requestTo(PROFILE_URL)).andRespond(withServerError().body("boom"));

        ProfileQueryUnavailableException e = catchThrowableOfType(ProfileQueryUnavailableException.class,
                () -> client.profile("c-9001"));

        assertThat(e.getMessage()).isEqualTo("the profile query answered 500: status 500");
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void aRefusedServiceKeyIsUnavailableNamingTheSettingNotTheAddress() {
        segmentation.expect(requestTo(PROFILE_URL)).andRespond(withStatus(HttpStatus.UNAUTHORIZED));

        ProfileQueryUnavailableException e = catchThrowableOfType(ProfileQueryUnavailableException.class,
                () -> client.profile("c-9001"));

        assertThat(e.getMessage()).contains("crm.ingest.profile-query-api-key").doesNotContain("segmentation.test");
    }

    @Test
    void unreachableProfileQueryIsUnavailableWithoutNamingItsAddress() {
        var nobody = URI.create("http://127.0.0.1:1");
        var unreachable = new ProfileQueryClient(RestClient.builder(), new ProfileQueryProperties(nobody, SERVICE_KEY));

        ProfileQueryUnavailableException e = catchThrowableOfType(ProfileQueryUnavailableException.class,
                () -> unreachable.profile("c-9001"));

        assertThat(e.getMessage()).contains("the profile query is not reachable", "segmentation-streams may be starting")
                .doesNotContain("127.0.0.1");
    }
}

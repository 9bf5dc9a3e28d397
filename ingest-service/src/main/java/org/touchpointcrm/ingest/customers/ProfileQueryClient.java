package org.touchpointcrm.ingest.customers;

import java.net.URI;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.touchpointcrm.schemas.Topics;

/**
 * Reads a customer's profile from segmentation-streams, which owns it (its state store, found on
 * whichever instance owns the customer). ingest-service keeps no copy: the register flows to the
 * profile through Kafka, so the profile is the one place to read a customer back. It asks with its
 * own service key ({@code crm.ingest.profile-query-api-key}), not its caller's: the caller's key is
 * ingest's, unknown to segmentation-streams. Where segmentation-streams runs is said in the log, never
 * in an answer.
 */
@Component
public class ProfileQueryClient {

    static final String PROFILE_PATH = "/v1/customers/{customerId}/profile";
    private static final Logger log = LoggerFactory.getLogger(ProfileQueryClient.class);

    private final RestClient client;
    private final URI base;

    public ProfileQueryClient(RestClient.Builder builder, ProfileQueryProperties properties) {
        this.base = properties.profileQueryUrl();
        this.client = builder.clone().baseUrl(base.toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.profileQueryApiKey().strip()).build();
    }

    /**
     * @return the profile as the profile query wrote it (JSON)
     * @throws UnknownCustomerException         if it has no profile of the customer
     * @throws ProfileQueryUnavailableException if it cannot answer now
     */
    public String profile(String customerId) {
        try {
            return client.get().uri(PROFILE_PATH, customerId).accept(MediaType.APPLICATION_JSON)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (status == HttpStatus.OK.value()) {
                            return response.bodyTo(String.class);
                        }
                        if (status == HttpStatus.UNAUTHORIZED.value() || status == HttpStatus.FORBIDDEN.value()) {
                            log.warn("the profile query at {} refused ingest-service's key ({}); check"
                                    + " crm.ingest.profile-query-api-key and its digest in segmentation-streams", base, status);
                            throw new ProfileQueryUnavailableException("the profile query refused ingest-service's own key;"
                                    + " the operators must check crm.ingest.profile-query-api-key", null, null);
                        }
                        String detail = detailOf(response.getStatusCode().value(), () -> response.bodyTo(ProblemDetail.class));
                        if (status == HttpStatus.NOT_FOUND.value()) {
                            throw new UnknownCustomerException("customer " + customerId + " has no profile: " + detail
                                    + ". Master data registered with PUT shows in the profile once segmentation-streams "
                                    + "joins " + Topics.CUSTOMERS.name() + " (not yet)");
                        }
                        throw new ProfileQueryUnavailableException("the profile query answered " + status + ": " + detail,
                                response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), null);
                    });
        } catch (RestClientException e) {
            log.warn("the profile query at {} is not reachable: {}", base, e.getMostSpecificCause().toString());
            throw new ProfileQueryUnavailableException("the profile query is not reachable; segmentation-streams may be"
                    + " starting", null, e);
        }
    }

    private static String detailOf(int status, Supplier<ProblemDetail> problem) {
        try {
            ProblemDetail body = problem.get();
            if (body != null && body.getDetail() != null) {
                return body.getDetail();
            }
        } catch (RuntimeException e) {
            // not a problem document: the status says enough
        }
        return "status " + status;
    }
}

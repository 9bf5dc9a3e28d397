package org.touchpointcrm.access.profiles;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reads a customer's profile from segmentation-streams, which owns it (its state store, found on whichever instance
 * owns the customer): the one client ingest-service (to answer {@code GET /v1/customers/{id}}) and notifier-service
 * (to check consent at delivery) share, so both say the same when the profile query cannot answer. A service asks
 * with its own service key, not its caller's (segmentation-streams knows the key's SHA-256 with PROFILES_READ,
 * docs/security.md). What the profile means to the caller (an answer, a consent) stays with the caller. Where
 * segmentation-streams runs is said in the log, never in an exception's message, which may reach an answer.
 */
public class ProfileQueryClient {

    public static final String PROFILE_PATH = "/v1/customers/{customerId}/profile";
    private static final Logger log = LoggerFactory.getLogger(ProfileQueryClient.class);

    private final RestClient client;
    private final URI base;
    private final String keySetting;

    /**
     * @param base       segmentation-streams' base address (scheme, host, port)
     * @param apiKey     this service's own key for the profile query
     * @param keySetting the property that holds {@code apiKey} (e.g. {@code crm.ingest.profile-query-api-key}), named
     *                   when the key is refused
     */
    public ProfileQueryClient(RestClient.Builder builder, URI base, String apiKey, String keySetting) {
        this.base = base;
        this.keySetting = keySetting;
        this.client = builder.clone().baseUrl(base.toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey.strip()).build();
    }

    /**
     * @param as the type to read the profile's JSON as: {@code String.class} for the document as written, or a record
     *           of the fields the caller needs
     * @return the profile, or empty if segmentation-streams has no profile of the customer (404)
     * @throws ProfileQueryUnavailableException if it cannot answer now (refused key, any other status, unreachable)
     */
    public <T> Optional<T> profile(String customerId, Class<T> as) {
        try {
            return client.get().uri(PROFILE_PATH, customerId).accept(MediaType.APPLICATION_JSON)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (status == HttpStatus.OK.value()) {
                            return Optional.ofNullable(response.bodyTo(as));
                        }
                        if (status == HttpStatus.NOT_FOUND.value()) {
                            return Optional.<T>empty();
                        }
                        if (status == HttpStatus.UNAUTHORIZED.value() || status == HttpStatus.FORBIDDEN.value()) {
                            log.warn("the profile query at {} refused this service's key ({}); check {} and its digest"
                                    + " in segmentation-streams", base, status, keySetting);
                            throw new ProfileQueryUnavailableException("the profile query refused this service's own key ("
                                    + status + "); the operators must check " + keySetting
                                    + " and its digest in segmentation-streams", null, null);
                        }
                        String detail = detailOf(status, () -> response.bodyTo(ProblemDetail.class));
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

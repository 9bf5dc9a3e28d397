package org.touchpointcrm.notifier.results;

import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.touchpointcrm.notifier.access.NotifierAccessProperties;

/**
 * Asks the instance that keeps a campaign's tally for its results, with this instance's own key
 * ({@code crm.notifier.access.instance-key}, operation INSTANCE_QUERIES), never with the caller's: an instance that
 * joined the group with an {@code application.server} of its own learns no marketer's key this way. The request
 * is marked forwarded, so the instance asked answers from its own store or with 503, and never passes it on.
 */
@Component
public class ResultsOwners {

    /** Marks a request one instance passed to the owner; the owner never passes it on. */
    public static final String FORWARDED_HEADER = "X-Crm-Forwarded";

    private static final Logger log = LoggerFactory.getLogger(ResultsOwners.class);

    private final RestClient client;

    public ResultsOwners(RestClient.Builder builder, NotifierAccessProperties access) {
        String key = access.instanceKey();
        this.client = builder.clone().defaultHeaders(headers -> {
            headers.set(FORWARDED_HEADER, "true");
            if (key != null && !key.isBlank()) {
                headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + key.strip());
            }
        }).build();
    }

    /**
     * The owner's answer as it is (200 with the results, 404, 503), unless it refused this instance's key or did not
     * answer: that is the instances' configuration or state, not the caller's fault, and the caller learns no address.
     */
    public ResponseEntity<String> ask(HostInfo owner, String campaignId) {
        ResponseEntity<String> answer;
        try {
            answer = client.get().uri("http://{host}:{port}/v1/campaigns/{id}/results", owner.host(), owner.port(), campaignId)
                    .retrieve()
                    .onStatus(status -> true, (request, response) -> { })
                    .toEntity(String.class);
        } catch (RestClientException e) {
            log.warn("the notifier at {}, which keeps the results of a campaign, did not answer: {}", owner, e.toString());
            throw new ResultsUnavailableException("Another instance keeps the results of campaign '" + campaignId
                    + "' and did not answer; ask again in a moment");
        }
        if (answer.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED) || answer.getStatusCode().isSameCodeAs(HttpStatus.FORBIDDEN)) {
            log.warn("the notifier at {} refused this instance's key ({}); check crm.notifier.access.instance-key and its"
                    + " digest on every instance", owner, answer.getStatusCode().value());
            throw new ResultsUnavailableException("Another instance keeps the results of campaign '" + campaignId
                    + "' and refused this instance's key; the operators must check crm.notifier.access.instance-key");
        }
        return ResponseEntity.status(answer.getStatusCode()).headers(passedOn(answer.getHeaders())).body(answer.getBody());
    }

    private static HttpHeaders passedOn(HttpHeaders from) {
        var headers = new HttpHeaders();
        if (from.getContentType() != null) {
            headers.setContentType(from.getContentType());
        }
        String retryAfter = from.getFirst(HttpHeaders.RETRY_AFTER);
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return headers;
    }
}

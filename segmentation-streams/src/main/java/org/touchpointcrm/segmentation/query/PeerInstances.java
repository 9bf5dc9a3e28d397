package org.touchpointcrm.segmentation.query;

import java.net.URI;

import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.touchpointcrm.segmentation.access.SegmentationAccessProperties;

/**
 * The other instances of segmentation-streams, asked for their part of an answer (a profile, segment
 * sizes and hours, a preview's part) with this instance's own key ({@code crm.segmentation.access.instance-key},
 * operation INSTANCE_QUERIES), never with the caller's: an instance that joined the group with an
 * {@code application.server} of its own then learns no marketer's key, and the key it does learn
 * reads no more than the instances read of each other. Every such request is marked forwarded, so
 * that the instance asked answers from its own stores and never passes it on.
 */
@Component
public class PeerInstances {

    private static final Logger log = LoggerFactory.getLogger(PeerInstances.class);

    private final RestClient client;

    public PeerInstances(RestClient.Builder builder, SegmentationAccessProperties access) {
        String key = access.instanceKey();
        this.client = builder.clone().defaultHeaders(headers -> {
            headers.set(StoreQueries.FORWARDED_HEADER, "true");
            if (key != null && !key.isBlank()) {
                headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + key.strip());
            }
        }).build();
    }

    /** A client whose every request carries this instance's key and the forwarded mark. */
    public RestClient client() {
        return client;
    }

    /**
     * Asks the owner of a key for the whole answer and passes it on as it is, status and body. One hop
     * at most: a query that was itself forwarded is not passed on (an owner that disagrees, with stale
     * metadata mid-rebalance, answers 503 itself). An owner that refused this instance's key, or did not
     * answer, is the instances' matter, not the caller's: 503, and its address goes to the log only.
     *
     * @param forwarded   whether this query came from another instance
     * @param unavailable the title of the 503, e.g. "Profiles are not available yet"
     */
    public ResponseEntity<String> relay(HostInfo owner, URI uri, boolean forwarded, String unavailable) {
        if (forwarded) {
            throw new StoreUnavailableException(unavailable, "ownership is moving between instances");
        }
        return passedOn(ask(owner, uri, unavailable));
    }

    /**
     * Asks another instance, with the forwarded mark, for what its own stores hold and returns its answer whatever
     * the status; an instance that refused this instance's key, or did not answer, is 503 as in {@link #relay}.
     */
    public ResponseEntity<String> ask(HostInfo owner, URI uri, String unavailable) {
        ResponseEntity<String> answer;
        try {
            answer = client.get().uri(uri).retrieve().onStatus(status -> true, (request, response) -> { })
                    .toEntity(String.class);
        } catch (RestClientException e) {
            // Not e itself: Spring's message quotes the URL, and the path names the customer.
            log.warn("instance {} did not answer a forwarded query: {}", owner, e.getMostSpecificCause().toString());
            throw new StoreUnavailableException(unavailable, "another instance holds the answer and did not answer");
        }
        if (answer.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED) || answer.getStatusCode().isSameCodeAs(HttpStatus.FORBIDDEN)) {
            log.warn("instance {} refused this instance's key ({}); check crm.segmentation.access.instance-key and its"
                    + " digest on every instance", owner, answer.getStatusCode().value());
            throw new StoreUnavailableException(unavailable, "another instance holds the answer and refused this"
                    + " instance's key; the operators must check crm.segmentation.access.instance-key");
        }
        return answer;
    }

    /**
     * The owner's status, body and the headers that describe the body; never its hop-by-hop headers: a copied
     * {@code Transfer-Encoding: chunked} over a body this server writes whole breaks the caller's HTTP parser.
     */
    static ResponseEntity<String> passedOn(ResponseEntity<String> answer) {
        HttpHeaders headers = new HttpHeaders();
        MediaType type = answer.getHeaders().getContentType();
        if (type != null) {
            headers.setContentType(type);
        }
        String retryAfter = answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
    }
}

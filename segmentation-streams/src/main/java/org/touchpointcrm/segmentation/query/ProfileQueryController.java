package org.touchpointcrm.segmentation.query;

import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.sweep.ProfileAsOf;

/**
 * {@code GET /v1/customers/{id}/profile}, answered from the state store of whichever instance owns
 * the customer: locally, or by asking the owner. During a rebalance the answer is 503 with
 * Retry-After, never a false 404.
 */
@RestController
public class ProfileQueryController {

    static final String UNAVAILABLE = "Profiles are not available yet";

    private static final Logger log = LoggerFactory.getLogger(ProfileQueryController.class);

    private final StoreQueries stores;
    private final RestClient peers;
    private final ProfileAsOf asOf;

    public ProfileQueryController(StoreQueries stores, PeerInstances peers, ProfileAsOf asOf) {
        this.asOf = asOf;
        this.stores = stores;
        this.peers = peers.client();
    }

    @GetMapping("/v1/customers/{customerId}/profile")
    public ResponseEntity<?> profile(@PathVariable String customerId,
                                     @RequestHeader(name = StoreQueries.FORWARDED_HEADER, defaultValue = "false") boolean forwarded) {
        StoreQueries.Owner owner = stores.owner(UpdateProfile.STORE, customerId, UNAVAILABLE);
        if (!owner.local()) {
            return askOwner(owner.host(), customerId, forwarded);
        }
        ReadOnlyKeyValueStore<String, CustomerProfile> store = stores.localStore(UpdateProfile.STORE, owner.partition(),
                UNAVAILABLE);
        CustomerProfile profile = store.get(customerId);
        if (profile == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "no touchpoint of customer " + customerId + " has been processed; check the id, or send a touchpoint first");
            problem.setTitle("Unknown customer");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        return ResponseEntity.ok(asOf.view(profile));
    }

    /**
     * One hop at most: an owner that disagrees (stale metadata mid-rebalance) answers 503 itself. The
     * owner's answer is passed on as it is, unless it refused this instance's key: that is the
     * instances' configuration, not the caller's fault, and the caller learns no address of it.
     */
    private ResponseEntity<?> askOwner(HostInfo owner, String customerId, boolean forwarded) {
        if (forwarded) {
            throw new StoreUnavailableException(UNAVAILABLE,
                    "ownership of customer " + customerId + " is moving between instances");
        }
        ResponseEntity<String> answer = peers.get()
                .uri("http://{host}:{port}/v1/customers/{id}/profile", owner.host(), owner.port(), customerId)
                .retrieve()
                .onStatus(status -> true, (request, response) -> { })
                .toEntity(String.class);
        if (answer.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED) || answer.getStatusCode().isSameCodeAs(HttpStatus.FORBIDDEN)) {
            log.warn("instance {} refused this instance's key ({}); check crm.segmentation.access.instance-key and its"
                    + " digest on every instance", owner, answer.getStatusCode().value());
            throw new StoreUnavailableException(UNAVAILABLE, "another instance holds this profile and refused this"
                    + " instance's key; the operators must check crm.segmentation.access.instance-key");
        }
        return answer;
    }
}

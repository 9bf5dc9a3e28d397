package org.touchpointcrm.segmentation.query;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
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

    private final StoreQueries stores;
    private final PeerInstances peers;
    private final ProfileAsOf asOf;

    public ProfileQueryController(StoreQueries stores, PeerInstances peers, ProfileAsOf asOf) {
        this.asOf = asOf;
        this.stores = stores;
        this.peers = peers;
    }

    @GetMapping("/v1/customers/{customerId}/profile")
    public ResponseEntity<?> profile(@PathVariable String customerId,
                                     @RequestHeader(name = StoreQueries.FORWARDED_HEADER, defaultValue = "false") boolean forwarded) {
        StoreQueries.Owner owner = stores.owner(UpdateProfile.STORE, customerId, UNAVAILABLE);
        if (!owner.local()) {
            return peers.relay(owner.host(), UriComponentsBuilder.newInstance().scheme("http").host(owner.host().host())
                    .port(owner.host().port()).path("/v1/customers/{id}/profile").encode().buildAndExpand(customerId)
                    .toUri(), forwarded, UNAVAILABLE);
        }
        ReadOnlyKeyValueStore<String, CustomerProfile> store = stores.localStore(UpdateProfile.STORE, owner.partition(),
                UNAVAILABLE);
        CustomerProfile profile = store.get(customerId);
        if (profile == null) {
            return unknownCustomer(customerId);
        }
        return ResponseEntity.ok(asOf.view(profile));
    }

    /** 404 for a customer without a profile; the timeline answers the same. */
    public static ResponseEntity<ProblemDetail> unknownCustomer(String customerId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "no touchpoint of customer " + customerId + " has been processed; check the id, or send a touchpoint first");
        problem.setTitle("Unknown customer");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}

package org.touchpointcrm.segmentation.timeline;

import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.query.MergedCustomers;
import org.touchpointcrm.segmentation.query.PeerInstances;
import org.touchpointcrm.segmentation.query.ProfileQueryController;
import org.touchpointcrm.segmentation.query.QueryParameters;
import org.touchpointcrm.segmentation.query.StoreQueries;

/**
 * {@code GET /v1/customers/{id}/timeline?before=&limit=}: the customer's recent contacts, from the
 * instance whose task holds the customer (the timeline and the profile live in the same task), asked
 * locally or through the owner like the profile. An id that leads to another customer (a linked reference, a
 * retired profile) is answered with that customer's timeline, its path in {@code Content-Location}
 * ({@link MergedCustomers}, docs/identity.md). 404 when the customer has no profile.
 */
@RestController
public class TimelineController {

    static final String UNAVAILABLE = "Timelines are not available yet";

    private final StoreQueries stores;
    private final PeerInstances peers;
    private final MergedCustomers customers;

    public TimelineController(StoreQueries stores, PeerInstances peers, MergedCustomers customers) {
        this.stores = stores;
        this.peers = peers;
        this.customers = customers;
    }

    @GetMapping("/v1/customers/{customerId}/timeline")
    public ResponseEntity<?> timeline(@PathVariable String customerId,
                                      @RequestParam(required = false) String before,
                                      @RequestParam(required = false) String limit,
                                      @RequestHeader(name = StoreQueries.FORWARDED_HEADER, defaultValue = "false") boolean forwarded) {
        Instant olderThan = QueryParameters.instant("before", before);
        int most = QueryParameters.limit(limit, TimelinePage.DEFAULT_LIMIT, TimelinePage.MOST_LIMIT);
        if (forwarded) {
            return ownTimeline(customerId, olderThan, most, true);
        }
        Optional<MergedCustomers.Resolved> survivor = customers.resolve(customerId, UNAVAILABLE);
        if (survivor.isEmpty()) {
            return ProfileQueryController.unknownCustomer(customerId);
        }
        String survivorId = survivor.get().customerId();
        ResponseEntity<?> answer = ownTimeline(survivorId, olderThan, most, false);
        if (survivorId.equals(customerId)) {
            return answer;
        }
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(HttpHeaders.CONTENT_LOCATION, MergedCustomers.path(survivorId, "timeline")).body(answer.getBody());
    }

    /** The customer's own timeline, read here or, unless this query was itself forwarded, by its owner. */
    private ResponseEntity<?> ownTimeline(String customerId, Instant olderThan, int most, boolean forwarded) {
        StoreQueries.Owner owner = stores.owner(Timeline.STORE, customerId, UNAVAILABLE);
        if (!owner.local()) {
            var uri = UriComponentsBuilder.newInstance().scheme("http").host(owner.host().host()).port(owner.host().port())
                    .path("/v1/customers/{id}/timeline").queryParam("limit", most);
            if (olderThan != null) {
                uri.queryParam("before", olderThan);
            }
            return peers.relay(owner.host(), uri.encode().buildAndExpand(customerId).toUri(), forwarded, UNAVAILABLE);
        }
        ReadOnlyKeyValueStore<String, CustomerProfile> profiles = stores.localStore(UpdateProfile.STORE,
                owner.partition(), UNAVAILABLE);
        if (profiles.get(customerId) == null) {
            return ProfileQueryController.unknownCustomer(customerId);
        }
        ReadOnlyKeyValueStore<String, CustomerTimeline> timelines = stores.localStore(Timeline.STORE, owner.partition(),
                UNAVAILABLE);
        return ResponseEntity.ok(TimelinePage.of(customerId, timelines.get(customerId), olderThan, most));
    }
}

package org.touchpointcrm.segmentation.cases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Optional;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import org.touchpointcrm.avro.CaseStatus;
import org.touchpointcrm.avro.CustomerCase;
import org.touchpointcrm.segmentation.query.PeerInstances;
import org.touchpointcrm.segmentation.query.StoreQueries;
import org.touchpointcrm.segmentation.query.StoreUnavailableException;

/**
 * Reads the cases where they live: all of a store's cases are in the partition of its store key, on the instance
 * that owns it; another instance asks that one (one hop, with the instances' key).
 */
@Component
public class CaseQueries {

    static final String UNAVAILABLE = "Cases are not available yet";

    private final StoreQueries stores;
    private final PeerInstances peers;

    public CaseQueries(StoreQueries stores, PeerInstances peers) {
        this.stores = stores;
        this.peers = peers;
    }

    /** The owner of a store's cases. */
    public StoreQueries.Owner owner(String storeKey) {
        return stores.owner(ApplyCaseCommands.STORE, storeKey, UNAVAILABLE);
    }

    /** A case, from this instance's stores or its owner's (unless this query was forwarded already). */
    public Optional<CaseView> find(String caseId, boolean forwarded) {
        StoreQueries.Owner owner = owner(CaseKeys.storeKeyOf(caseId).orElseThrow());
        if (owner.local()) {
            return Optional.ofNullable(local(owner).get(caseId)).map(CaseView::of);
        }
        if (forwarded) {
            throw new StoreUnavailableException(UNAVAILABLE, "ownership is moving between instances");
        }
        var uri = UriComponentsBuilder.newInstance().scheme("http").host(owner.host().host()).port(owner.host().port())
                .path("/v1/cases/{id}").encode().buildAndExpand(caseId).toUri();
        try {
            return Optional.ofNullable(peers.client().get().uri(uri).retrieve().body(CaseView.class));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                return Optional.empty();
            }
            throw new StoreUnavailableException(UNAVAILABLE, "another instance holds the case and refused to answer");
        } catch (RestClientException e) {
            throw new StoreUnavailableException(UNAVAILABLE, "another instance holds the case and did not answer");
        }
    }

    /**
     * One store's cases on this instance, newest change first, without the cases grouped into others.
     *
     * @param status   only these, or null
     * @param topicKey only cases whose topic normalises to this ({@link CaseText#matchKey}), or null
     */
    public CaseView.Page list(StoreQueries.Owner owner, String storeKey, CaseStatus status, String topicKey, int limit) {
        var found = new ArrayList<CaseView>();
        try (var cases = local(owner).prefixScan(storeKey + CaseKeys.SEPARATOR, new StringSerializer())) {
            cases.forEachRemaining(entry -> {
                CustomerCase c = entry.value;
                if (c.getGroupedInto() == null && (status == null || c.getStatus() == status)
                        && (topicKey == null || topicKey.equals(CaseText.matchKey(c.getTopic())))) {
                    found.add(CaseView.of(c));
                }
            });
        }
        found.sort(Comparator.comparing(CaseView::changedAt).reversed().thenComparing(CaseView::caseId));
        return new CaseView.Page(storeKey, found.stream().limit(limit).toList(), found.size());
    }

    private ReadOnlyKeyValueStore<String, CustomerCase> local(StoreQueries.Owner owner) {
        return stores.localStore(ApplyCaseCommands.STORE, owner.partition(), UNAVAILABLE);
    }
}

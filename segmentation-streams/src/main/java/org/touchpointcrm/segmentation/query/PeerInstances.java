package org.touchpointcrm.segmentation.query;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
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
}

package org.touchpointcrm.segmentation.query;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.segmentation.profile.UpdateProfile;

/**
 * {@code GET /v1/customers/{id}/profile}, answered from the state store of whichever instance owns
 * the customer: locally, or by asking the owner. During a rebalance the answer is 503 with
 * Retry-After, never a false 404.
 */
@RestController
public class ProfileQueryController {

    static final String RETRY_AFTER_SECONDS = "1";
    /** Marks a query one instance passed to the owner of the key. */
    static final String FORWARDED_HEADER = "X-Crm-Forwarded";

    private final StreamsBuilderFactoryBean streams;
    private final RestClient peers;

    public ProfileQueryController(StreamsBuilderFactoryBean streams, RestClient.Builder peers) {
        this.streams = streams;
        this.peers = peers.build();
    }

    @GetMapping("/v1/customers/{customerId}/profile")
    public ResponseEntity<?> profile(@PathVariable String customerId,
                                     @RequestHeader(name = FORWARDED_HEADER, defaultValue = "false") boolean forwarded) {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || kafkaStreams.state() != KafkaStreams.State.RUNNING) {
            return notYetAvailable("the profile store is " + (kafkaStreams == null ? "not started" : kafkaStreams.state()));
        }
        KeyQueryMetadata owner = kafkaStreams.queryMetadataForKey(UpdateProfile.STORE, customerId,
                Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            return notYetAvailable("no instance owns customer " + customerId + " at the moment (rebalancing)");
        }
        if (!isThisInstance(owner.activeHost())) {
            return askOwner(owner.activeHost(), customerId, forwarded);
        }
        ReadOnlyKeyValueStore<String, CustomerProfile> store = kafkaStreams.store(
                StoreQueryParameters.fromNameAndType(UpdateProfile.STORE, QueryableStoreTypes.<String, CustomerProfile>keyValueStore())
                        .withPartition(owner.partition()));
        CustomerProfile profile = store.get(customerId);
        if (profile == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "no touchpoint of customer " + customerId + " has been processed; check the id, or send a touchpoint first");
            problem.setTitle("Unknown customer");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        return ResponseEntity.ok(ProfileView.of(profile));
    }

    /** Without {@code application.server} there is one instance, and it owns everything. */
    private boolean isThisInstance(HostInfo owner) {
        Object server = streams.getStreamsConfiguration().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return server == null || server.toString().isBlank() || HostInfo.buildFromEndpoint(server.toString()).equals(owner);
    }

    /** One hop at most: an owner that disagrees (stale metadata mid-rebalance) answers 503 itself. */
    private ResponseEntity<?> askOwner(HostInfo owner, String customerId, boolean forwarded) {
        if (forwarded) {
            return notYetAvailable("ownership of customer " + customerId + " is moving between instances");
        }
        return peers.get()
                .uri("http://{host}:{port}/v1/customers/{id}/profile", owner.host(), owner.port(), customerId)
                .header(FORWARDED_HEADER, "true")
                .retrieve()
                .onStatus(status -> true, (request, response) -> { })
                .toEntity(String.class);
    }

    private static ResponseEntity<ProblemDetail> notYetAvailable(String why) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, why + "; retry shortly");
        problem.setTitle("Profiles are not available yet");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(problem);
    }
}

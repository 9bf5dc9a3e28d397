package org.touchpointcrm.notifier.delivery;

import java.util.Optional;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.notifier.campaigns.DecisionStores;
import org.touchpointcrm.schemas.CustomerProfiles;

/**
 * The notifier's own copy of the profiles (the decisions' store {@value DecisionStores#PROFILES}, read from
 * crm.customer-profiles), asked for a consent at delivery time without an HTTP round trip. It answers only for a
 * customer whose partition this instance's Streams app holds, while it runs; otherwise the delivery asks
 * segmentation-streams' profile query as before.
 */
public class LocalProfiles {

    /** No local copy: every consent is asked of segmentation-streams. */
    public static final LocalProfiles NONE = new LocalProfiles(null);

    private final StreamsBuilderFactoryBean streams;

    public LocalProfiles(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    /**
     * @param recipient the address the message is about to go to
     * @return whether the local copy grants the consent now, for the address the profile holds and for the
     *         recipient ({@link CustomerProfiles#consentedFor}; false without a profile or the consent), or empty
     *         if this instance cannot answer for the customer now
     */
    public Optional<Boolean> granted(String customerId, Channel channel, String purpose, String recipient) {
        KafkaStreams kafkaStreams = streams == null ? null : streams.getKafkaStreams();
        if (kafkaStreams == null || kafkaStreams.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        try {
            KeyQueryMetadata owner = kafkaStreams.queryMetadataForKey(DecisionStores.PROFILES, customerId, Serdes.String().serializer());
            if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner) || !isThisInstance(owner.activeHost())) {
                return Optional.empty();
            }
            CustomerProfile profile = kafkaStreams.store(StoreQueryParameters
                    .fromNameAndType(DecisionStores.PROFILES, QueryableStoreTypes.<String, CustomerProfile>keyValueStore())
                    .withPartition(owner.partition())).get(customerId);
            return Optional.of(profile != null && CustomerProfiles.consentedFor(profile, channel, purpose, recipient));
        } catch (InvalidStateStoreException e) {
            return Optional.empty(); // the partition is moving or restoring: ask segmentation-streams
        }
    }

    private boolean isThisInstance(HostInfo owner) {
        Object server = streams.getStreamsConfiguration().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return server == null || server.toString().isBlank() || HostInfo.buildFromEndpoint(server.toString()).equals(owner);
    }
}

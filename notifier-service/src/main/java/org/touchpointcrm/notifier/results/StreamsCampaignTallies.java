package org.touchpointcrm.notifier.results;

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
import org.springframework.stereotype.Component;

/**
 * Reads a campaign's tally from {@link ResultsStores#CAMPAIGN_RESULTS} with an interactive query. The
 * store is partitioned by campaign id: one instance owns each campaign's tally. With one instance (no
 * {@code application.server}) that is this one; with several, a request that reaches an instance not
 * owning the campaign is answered 503 ("another instance keeps them"), never with another instance's stale
 * numbers. The owner's address goes to the log, not to the caller: an answer names no internal host.
 */
@Component
public class StreamsCampaignTallies implements CampaignTallies {

    private final StreamsBuilderFactoryBean streams;

    public StreamsCampaignTallies(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    @Override
    public Optional<CampaignTally> tally(String campaignId) {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || kafkaStreams.state() != KafkaStreams.State.RUNNING) {
            throw new ResultsUnavailableException("The results are not readable yet: the notifier's state stores are "
                    + (kafkaStreams == null ? "not started" : kafkaStreams.state()) + "; ask again in a moment");
        }
        KeyQueryMetadata owner = kafkaStreams.queryMetadataForKey(ResultsStores.CAMPAIGN_RESULTS, campaignId,
                Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new ResultsUnavailableException("No instance holds the results of campaign '" + campaignId
                    + "' at the moment (rebalancing); ask again in a moment");
        }
        if (!isThisInstance(owner.activeHost())) {
            throw new ResultsKeptElsewhereException(campaignId, owner.activeHost());
        }
        try {
            return Optional.ofNullable(kafkaStreams.store(StoreQueryParameters
                    .fromNameAndType(ResultsStores.CAMPAIGN_RESULTS, QueryableStoreTypes.<String, CampaignTally>keyValueStore())
                    .withPartition(owner.partition())).get(campaignId));
        } catch (InvalidStateStoreException e) {
            throw new ResultsUnavailableException("Partition " + owner.partition() + " of the campaign results is moving"
                    + " to or from this instance; ask again in a moment");
        }
    }

    private boolean isThisInstance(HostInfo owner) {
        Object server = streams.getStreamsConfiguration().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return server == null || server.toString().isBlank() || HostInfo.buildFromEndpoint(server.toString()).equals(owner);
    }
}

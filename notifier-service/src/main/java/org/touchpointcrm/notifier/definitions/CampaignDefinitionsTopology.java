package org.touchpointcrm.notifier.definitions;

import org.apache.kafka.streams.StreamsBuilder;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;

/**
 * crm.campaigns ─> global store ─> {@link CampaignCatalogue}, a part of the notifier's Kafka Streams app (composed by
 * {@code NotifierTopology}).
 */
public final class CampaignDefinitionsTopology {

    private CampaignDefinitionsTopology() {
    }

    public static void addTo(StreamsBuilder builder, CrmSerdes serdes, CampaignCatalogue catalogue) {
        builder.addGlobalStore(ReadCampaignDefinitions.store(serdes.value(Topics.CAMPAIGNS)), Topics.CAMPAIGNS.name(),
                serdes.consumed(Topics.CAMPAIGNS).withName("read-campaigns"),
                () -> new ReadCampaignDefinitions(catalogue));
    }
}

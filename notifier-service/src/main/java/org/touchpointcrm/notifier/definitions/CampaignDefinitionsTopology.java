package org.touchpointcrm.notifier.definitions;

import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;

/** crm.campaigns ─> global store ─> {@link CampaignCatalogue}, in the notifier's Kafka Streams app. */
@Component
public class CampaignDefinitionsTopology {

    private final CrmSerdes serdes;
    private final CampaignCatalogue catalogue;

    public CampaignDefinitionsTopology(CrmSerdes serdes, CampaignCatalogue catalogue) {
        this.serdes = serdes;
        this.catalogue = catalogue;
    }

    @Autowired
    public void build(StreamsBuilder builder) {
        builder.addGlobalStore(ReadCampaignDefinitions.store(serdes.value(Topics.CAMPAIGNS)), Topics.CAMPAIGNS.name(),
                serdes.consumed(Topics.CAMPAIGNS).withName("read-campaigns"),
                () -> new ReadCampaignDefinitions(catalogue));
    }
}

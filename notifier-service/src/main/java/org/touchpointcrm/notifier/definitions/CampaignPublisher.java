package org.touchpointcrm.notifier.definitions;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.platform.definitions.ReadBackPublisher;
import org.touchpointcrm.schemas.Topics;

/**
 * Campaigns written to crm.campaigns and awaited until this instance's {@link CampaignCatalogue} has
 * read them back; a broker that does not take one is a {@link CampaignsUnavailableException}.
 */
@Component
public class CampaignPublisher extends ReadBackPublisher<CampaignDefinition> {

    public CampaignPublisher(KafkaTemplate<String, SpecificRecord> kafka, CampaignCatalogue catalogue) {
        super(kafka, Topics.CAMPAIGNS, new Naming<>("campaign", CampaignDefinition::getId,
                CampaignDefinition::getVersion, CampaignsUnavailableException::new));
        catalogue.onChange(this::readBack);
    }
}

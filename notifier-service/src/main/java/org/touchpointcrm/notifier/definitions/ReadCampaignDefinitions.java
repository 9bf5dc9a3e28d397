package org.touchpointcrm.notifier.definitions;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchpointcrm.avro.CampaignDefinition;

/**
 * Every instance reads all of crm.campaigns into a global store and hands each campaign to its
 * {@link CampaignCatalogue}: a published change reaches every instance without a restart. Kafka Streams
 * runs this again over the whole topic at every start (the store is in memory), before any task processes.
 */
public final class ReadCampaignDefinitions implements Processor<String, CampaignDefinition, Void, Void> {

    public static final String STORE = "campaigns";

    private static final Logger log = LoggerFactory.getLogger(ReadCampaignDefinitions.class);

    private final CampaignCatalogue catalogue;
    private KeyValueStore<String, CampaignDefinition> campaigns;

    public ReadCampaignDefinitions(CampaignCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Global stores have no changelog: the topic is their changelog. */
    public static StoreBuilder<KeyValueStore<String, CampaignDefinition>> store(Serde<CampaignDefinition> serde) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), serde)
                .withLoggingDisabled();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        campaigns = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, CampaignDefinition> record) {
        CampaignDefinition campaign = record.value();
        if (campaign == null) {
            // Campaigns end with DELETE /v1/campaigns/<id>, which keeps the record: an id never changes meaning.
            log.warn("Tombstone for campaign '{}' ignored; end campaigns with DELETE /v1/campaigns/<id> instead",
                    record.key());
            return;
        }
        if (!campaign.getId().equals(record.key())) {
            log.warn("Campaign under key '{}' has id '{}' and is ignored: only the admin API writes crm.campaigns,"
                    + " keyed by id", record.key(), campaign.getId());
            return;
        }
        campaigns.put(record.key(), campaign);
        catalogue.apply(campaign);
    }
}

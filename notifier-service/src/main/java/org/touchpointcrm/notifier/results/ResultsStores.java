package org.touchpointcrm.notifier.results;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The results' stores, all persistent and changelogged (their names are part of the changelog topics' names). */
public final class ResultsStores {

    /** Campaign id → {@link CampaignTally}: what {@code GET /v1/campaigns/{id}/results} reads. */
    public static final String CAMPAIGN_RESULTS = "campaign-results";
    /** Send id → when it was decided: a decision read again is counted once. */
    public static final String DECIDED_MESSAGES = "results-decided-messages";
    /** Customer id and campaign id → {@link Exposure}, partitioned by customer like the profiles. */
    public static final String EXPOSURES = "results-exposures";
    /** Send id → the {@link MessageFlags} already counted for it. */
    public static final String MESSAGE_FLAGS = "results-message-flags";

    /** Between customer id and campaign id: never in an id (ids are printable). */
    private static final char SEPARATOR = '\u001f';

    private ResultsStores() {
    }

    static String exposureKey(String customerId, String campaignId) {
        return exposurePrefix(customerId) + campaignId;
    }

    static String exposurePrefix(String customerId) {
        return customerId + SEPARATOR;
    }

    static String campaignOf(String exposureKey) {
        return exposureKey.substring(exposureKey.indexOf(SEPARATOR) + 1);
    }

    static StoreBuilder<KeyValueStore<String, CampaignTally>> campaignResults() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CAMPAIGN_RESULTS), Serdes.String(),
                new JsonSerde<>(CampaignTally.class));
    }

    static StoreBuilder<KeyValueStore<String, Long>> decidedMessages() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DECIDED_MESSAGES), Serdes.String(), Serdes.Long());
    }

    static StoreBuilder<KeyValueStore<String, Exposure>> exposures() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPOSURES), Serdes.String(),
                new JsonSerde<>(Exposure.class));
    }

    static StoreBuilder<KeyValueStore<String, Integer>> messageFlags() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MESSAGE_FLAGS), Serdes.String(), Serdes.Integer());
    }
}

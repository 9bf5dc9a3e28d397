package org.touchpointcrm.notifier.campaigns;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;

/**
 * The notifier's state: the newest profile of each customer, and segment changes that arrived
 * before the profile version they refer to (the two topics are read side by side, and either may
 * come first).
 */
public final class DecisionStores {

    public static final String PROFILES = "notifier-profiles";
    public static final String AWAITING_PROFILE = "changes-awaiting-profile";

    /** Separates the customer id from the rest of an awaiting change's key; never part of an id. */
    private static final char SEPARATOR = '\u0000';

    private DecisionStores() {
    }

    public static StoreBuilder<KeyValueStore<String, CustomerProfile>> profiles(Serde<CustomerProfile> serde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROFILES), Serdes.String(), serde);
    }

    public static StoreBuilder<KeyValueStore<String, SegmentChange>> awaitingProfile(Serde<SegmentChange> serde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AWAITING_PROFILE), Serdes.String(), serde);
    }

    /** Prefix of all awaiting changes of one customer, for a prefix scan. */
    static String awaitingPrefix(String customerId) {
        return customerId + SEPARATOR;
    }

    static String awaitingKey(SegmentChange change) {
        return awaitingPrefix(change.getCustomerId()) + change.getProfileVersion() + SEPARATOR
                + change.getSegmentId() + SEPARATOR + change.getKind();
    }
}

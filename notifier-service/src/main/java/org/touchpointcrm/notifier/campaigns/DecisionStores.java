package org.touchpointcrm.notifier.campaigns;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;

/**
 * The notifier's state, every store persistent with a changelog (crm-notifier-&lt;store&gt;-changelog), all
 * keyed by or within one customer, so the co-partitioned inputs find them in the same task:
 * <ul>
 *   <li>{@value #PROFILES}: the newest profile of each customer;</li>
 *   <li>{@value #AWAITING_PROFILE}: segment changes that arrived before the profile version they refer to
 *       (the two topics are read side by side, and either may come first);</li>
 *   <li>{@value #SEND_HISTORY}: per customer, the SEND decisions the caps count;</li>
 *   <li>{@value #DELAYED_TRIGGERS}: changes of campaigns with a trigger delay, by the time to decide;</li>
 *   <li>{@value #DEFERRED_SENDS}: SEND decisions quiet hours deferred, by sendAt.</li>
 * </ul>
 * The last two are the schedule: keyed by {@link ScheduleKey}, in time order, so the punctuator reads only
 * what is due.
 */
public final class DecisionStores {

    public static final String PROFILES = "notifier-profiles";
    public static final String AWAITING_PROFILE = "changes-awaiting-profile";
    public static final String SEND_HISTORY = "notifier-send-history";
    public static final String DELAYED_TRIGGERS = "notifier-delayed-triggers";
    public static final String DEFERRED_SENDS = "notifier-deferred-sends";

    /** Separates the customer id from the rest of an awaiting change's key; never part of an id. */
    private static final char SEPARATOR = '\u0000';

    private DecisionStores() {
    }

    public static StoreBuilder<KeyValueStore<String, CustomerProfile>> profiles(Serde<CustomerProfile> serde) {
        return store(PROFILES, serde);
    }

    public static StoreBuilder<KeyValueStore<String, SegmentChange>> awaitingProfile(Serde<SegmentChange> serde) {
        return store(AWAITING_PROFILE, serde);
    }

    public static StoreBuilder<KeyValueStore<String, SendHistory>> sendHistory() {
        return store(SEND_HISTORY, SendHistorySerde.serde());
    }

    public static StoreBuilder<KeyValueStore<String, SegmentChange>> delayedTriggers(Serde<SegmentChange> serde) {
        return store(DELAYED_TRIGGERS, serde);
    }

    public static StoreBuilder<KeyValueStore<String, CampaignMessage>> deferredSends(Serde<CampaignMessage> serde) {
        return store(DEFERRED_SENDS, serde);
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> serde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), serde);
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
